package fr.parcours.pathway;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Reminder service tasks: announces a {@link ReminderDue} for each open task named by the input
 * parameter {@code remindedTask}. How it reaches people (log, e-mail) is up to the listeners.
 */
@Component("reminderNotifier")
public class ReminderNotifier implements JavaDelegate {

  private final TaskService taskService;
  private final ApplicationEventPublisher events;

  public ReminderNotifier(@Lazy TaskService taskService, ApplicationEventPublisher events) {
    this.taskService = taskService;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String taskKey = (String) execution.getVariable("remindedTask");
    String caseReference = (String) execution.getVariable("caseReference");
    List<Task> tasks = taskService.createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(taskKey)
        .list();
    for (Task task : tasks) {
      List<String> groups = taskService.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(IdentityLink::getGroupId)
          .toList();
      events.publishEvent(new ReminderDue(caseReference, task.getId(), taskKey, task.getAssignee(), groups));
    }
  }
}
