package fr.parcours.followup;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * When the CTAS designates a new référent, every open task of the former référent on that case
 * (and on the committees it called) passes to the new one, so nothing waits on someone who left.
 * The former référent is known from the task's input {@code previousCoordinatorId}.
 */
@Component("coordinatorHandover")
public class CoordinatorHandover implements TaskListener {

  private final TaskService taskService;

  public CoordinatorHandover(@Lazy TaskService taskService) {
    this.taskService = taskService;
  }

  @Override
  public void notify(DelegateTask reassignment) {
    String previous = (String) reassignment.getVariable("previousCoordinatorId");
    String next = (String) reassignment.getVariable("coordinatorId");
    if (previous == null || previous.equals(next)) {
      return;
    }
    taskService.createTaskQuery()
        .processInstanceBusinessKey(reassignment.getExecution().getProcessBusinessKey())
        .taskAssignee(previous)
        .list()
        .stream()
        .filter(task -> !task.getId().equals(reassignment.getId()))
        .forEach(task -> taskService.setAssignee(task.getId(), next));
  }
}
