package fr.parcours.followup;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import fr.parcours.models.ModelContract.Processes;

/**
 * When the CTAS designates a new référent, every open task of the former référent on that case
 * (and on the committees it called) passes to the new one, so nothing waits on someone who left.
 * The former référent keeps at most reading those tasks: the right to work on them, which being
 * their assignee gave them, goes (the new référent gets it with the assignment). The former
 * référent is known from the task's input {@code previousCoordinatorId}. The handover period then
 * runs in its own process ({@code coordinator-handover}), so that it never holds the case open.
 */
@Component("coordinatorHandover")
public class CoordinatorHandover implements TaskListener {

  private final TaskService taskService;
  private final AuthorizationService authorizationService;
  private final RuntimeService runtimeService;

  public CoordinatorHandover(@Lazy TaskService taskService, @Lazy AuthorizationService authorizationService,
      @Lazy RuntimeService runtimeService) {
    this.taskService = taskService;
    this.authorizationService = authorizationService;
    this.runtimeService = runtimeService;
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
        .forEach(task -> {
          taskService.setAssignee(task.getId(), next);
          authorizationService.createAuthorizationQuery()
              .authorizationType(Authorization.AUTH_TYPE_GRANT)
              .userIdIn(previous)
              .resourceType(Resources.TASK)
              .resourceId(task.getId())
              .list()
              .forEach(this::readOnly);
        });
    String businessKey = reassignment.getExecution().getProcessBusinessKey();
    Map<String, Object> handover = Map.of(
        "pathwayInstanceId", reassignment.getProcessInstanceId(),
        "formerCoordinatorId", previous,
        "territory", reassignment.getVariable("territory"));
    // The CTAS designates the référent; starting the handover is the application's part, not theirs.
    Context.getCommandContext().runWithoutAuthorization(
        () -> runtimeService.startProcessInstanceByKey(Processes.COORDINATOR_HANDOVER, businessKey, handover));
  }

  private void readOnly(Authorization grant) {
    if (grant.isPermissionGranted(Permissions.READ)) {
      grant.setPermissions(new Permission[] {Permissions.READ});
      authorizationService.saveAuthorization(grant);
    } else {
      authorizationService.deleteAuthorization(grant.getId());
    }
  }
}
