package fr.parcours.access;

import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * The grants the engine gives when a task is given to someone: Camunda's defaults (read and work on
 * the task for its assignee, owner, delegate and candidates), but for a task of a case only to those
 * the case entitles ({@link CaseAccess#mayBeGiven}: its territory's groups, its référent, its
 * interveners after the sharing consent). Nobody comes to read a case because one of its tasks was
 * given to them, by a model, an operator or anyone else. A task taken away (another assignee or
 * owner, a candidate removed) takes back the grant it gave ({@link CaseAccess#takenBack}); the engine
 * deletes a task's grants with the task.
 */
final class CaseTaskGrants extends DefaultAuthorizationProvider {

  private final CaseAccess caseAccess;

  CaseTaskGrants(CaseAccess caseAccess) {
    this.caseAccess = caseAccess;
  }

  @Override
  public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
    return changed(task, oldAssignee, newAssignee, () -> super.newTaskAssignee(task, oldAssignee, newAssignee));
  }

  @Override
  public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
    return changed(task, oldOwner, newOwner, () -> super.newTaskOwner(task, oldOwner, newOwner));
  }

  @Override
  public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
    return caseAccess.mayBeGiven(task, userId) ? super.newTaskUserIdentityLink(task, userId, type) : null;
  }

  @Override
  public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
    return caseAccess.mayBeGivenToGroup(task, groupId) ? super.newTaskGroupIdentityLink(task, groupId, type) : null;
  }

  @Override
  public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String type) {
    if (!deleted(task)) {
      caseAccess.takenBack(task, userId, null);
    }
    return null;
  }

  @Override
  public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
    if (!deleted(task)) {
      caseAccess.takenBack(task, null, groupId);
    }
    return null;
  }

  /** An assignee or an owner replaced: the former one's grant taken back, the new one's given if entitled. */
  private AuthorizationEntity[] changed(Task task, String former, String next, Supplier<AuthorizationEntity[]> defaults) {
    if (former != null && !former.equals(next) && !deleted(task)) {
      caseAccess.takenBack(task, former, null);
    }
    if (next == null || !caseAccess.mayBeGiven(task, next)) {
      return null;
    }
    return defaults.get();
  }

  /** A task being deleted (completed): the engine deletes all its grants, nothing to take back one by one. */
  private static boolean deleted(Task task) {
    return task instanceof TaskEntity entity && entity.isDeleted();
  }
}
