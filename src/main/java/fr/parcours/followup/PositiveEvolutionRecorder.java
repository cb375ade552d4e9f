package fr.parcours.followup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import fr.parcours.validation.JsonLists;

/**
 * A completed pathway evolved positively when the shared review records at least one outcome
 * other than "none" (national indicator "évolution positive", seed 000).
 */
@Component("positiveEvolutionRecorder")
public class PositiveEvolutionRecorder implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    boolean positive = JsonLists.elements(execution.getVariable("outcomes")).stream()
        .anyMatch(outcome -> outcome.isString() && !"none".equals(outcome.stringValue()));
    execution.setVariable("positiveEvolution", positive);
  }
}
