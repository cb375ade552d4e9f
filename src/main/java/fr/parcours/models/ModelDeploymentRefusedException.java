package fr.parcours.models;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A deployment that would break the démarche: nothing of it is deployed (the engine rolls the
 * deployment's transaction back). The REST API answers 400 with this message, which Camunda
 * Modeler shows to the manager as it is.
 */
public class ModelDeploymentRefusedException extends BadUserRequestException {

  private final List<String> problems;

  public ModelDeploymentRefusedException(List<String> problems) {
    super("Déploiement refusé, rien n'a été déployé : " + String.join(" ; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> getProblems() {
    return problems;
  }
}
