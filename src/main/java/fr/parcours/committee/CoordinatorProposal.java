package fr.parcours.committee;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The person chooses their référent: when the committee opens, the référent proposed is the one
 * the person preferred (unless one is already designated). The committee may designate someone
 * else only by recording why (validation of {@code holdCommittee}).
 */
@Component("coordinatorProposal")
public class CoordinatorProposal implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object preferred = task.getVariable("preferredCoordinatorId");
    if (task.getVariable("coordinatorId") == null && preferred != null) {
      task.getExecution().getProcessInstance().setVariable("coordinatorId", preferred);
    }
  }
}
