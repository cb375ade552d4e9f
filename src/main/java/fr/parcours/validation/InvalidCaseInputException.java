package fr.parcours.validation;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Input refused by the server-side rules: nothing of the request is kept (the engine rolls the
 * transaction back). The REST API answers 400 with this message.
 */
public class InvalidCaseInputException extends BadUserRequestException {

  private final List<String> problems;

  public InvalidCaseInputException(String step, List<String> problems) {
    super("Saisie refusée (" + step + ") : " + String.join(" ; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> getProblems() {
    return problems;
  }
}
