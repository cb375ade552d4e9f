package fr.parcours.access;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * Grants and revocations on one case resource (process instance, historic process instance, task),
 * for a user or a group, inside the engine's command context of the step that causes them. They are
 * saved through the {@link AuthorizationService}, so each one is in the user operation log of the
 * acting user (category Admin, entity Authorization).
 * <p>The engine itself may already have created, in the same command and not yet flushed, the
 * authorization of a candidate group or an assignee: such a pending authorization is completed,
 * never duplicated (the database would refuse a second row for the same user or group and resource).
 */
final class CaseGrants {

  private final AuthorizationService authorizationService;
  private final String rootProcessInstanceId;

  /** Grants on the resources of the case whose root process instance is given. */
  CaseGrants(AuthorizationService authorizationService, String rootProcessInstanceId) {
    this.authorizationService = authorizationService;
    this.rootProcessInstanceId = rootProcessInstanceId;
  }

  /** Grants the permissions (adds the missing ones). */
  void grant(String userId, String groupId, Resource resource, String resourceId, Permission... permissions) {
    grant(find(userId, groupId, resource, resourceId), userId, groupId, resource, resourceId, permissions);
  }

  /**
   * Grants the permissions on a resource created in this command (a task, a process instance just
   * started): nothing about it is stored yet, only what the engine may have created with it
   * (a candidate group's or an assignee's authorization) is looked at.
   */
  void grantOnNew(String userId, String groupId, Resource resource, String resourceId, Permission... permissions) {
    grant(pending(userId, groupId, resource, resourceId), userId, groupId, resource, resourceId, permissions);
  }

  private void grant(AuthorizationEntity authorization, String userId, String groupId, Resource resource,
      String resourceId, Permission... permissions) {
    if (authorization == DELETED) {
      // revoked earlier in this same step: leave it revoked
      return;
    }
    if (authorization == null) {
      Authorization created = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      created.setUserId(userId);
      created.setGroupId(groupId);
      created.setResource(resource);
      created.setResourceId(resourceId);
      for (Permission permission : permissions) {
        created.addPermission(permission);
      }
      authorizationService.saveAuthorization(created);
      if (resource == Resources.HISTORIC_PROCESS_INSTANCE && ((AuthorizationEntity) created).getRootProcessInstanceId() == null) {
        // the engine takes the case's root from its history, not yet written when the case starts: the
        // grant must know it, to get the case's removal time when it ends and go with its history
        ((AuthorizationEntity) created).setRootProcessInstanceId(rootProcessInstanceId);
      }
      return;
    }
    AuthorizationEntity before = copy(authorization);
    boolean changed = false;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      logUpdate(authorization, before);
    }
  }

  /** Removes these permissions from an existing grant of a user or a group (the grant itself stays). */
  void reduce(String userId, String groupId, Resource resource, String resourceId, Permission... permissions) {
    AuthorizationEntity authorization = find(userId, groupId, resource, resourceId);
    if (authorization == null || authorization == DELETED) {
      return;
    }
    AuthorizationEntity before = copy(authorization);
    boolean changed = false;
    for (Permission permission : permissions) {
      if (authorization.isPermissionGranted(permission)) {
        authorization.removePermission(permission);
        changed = true;
      }
    }
    if (changed) {
      logUpdate(authorization, before);
    }
  }

  /** Deletes the user's grant on the resource, if any. */
  void revoke(String userId, Resource resource, String resourceId) {
    revoke(userId, null, resource, resourceId);
  }

  /** Deletes the grant of the user or the group on the resource, if any. */
  void revoke(String userId, String groupId, Resource resource, String resourceId) {
    AuthorizationEntity authorization = find(userId, groupId, resource, resourceId);
    if (authorization != null && authorization != DELETED) {
      authorizationService.deleteAuthorization(authorization.getId());
    }
  }

  /** The grant of that user or group, pending in this command or stored; {@link #DELETED} when deleted in this command. */
  AuthorizationEntity find(String userId, String groupId, Resource resource, String resourceId) {
    AuthorizationEntity pending = pending(userId, groupId, resource, resourceId);
    if (pending != null || CommandMemo.current().knowsStoredGrants(resourceId)) {
      // the grants read from the database in this command are in the entity cache too
      return pending;
    }
    CommandContext commandContext = Context.getCommandContext();
    AuthorizationEntity stored = userId != null
        ? commandContext.getAuthorizationManager().findAuthorizationByUserIdAndResourceId(AUTH_TYPE_GRANT, userId, resource, resourceId)
        : commandContext.getAuthorizationManager().findAuthorizationByGroupIdAndResourceId(AUTH_TYPE_GRANT, groupId, resource, resourceId);
    if (stored != null && commandContext.getDbEntityManager().getDbEntityCache().isDeleted(stored)) {
      return DELETED;
    }
    return stored;
  }

  /** The grant of that user or group in the engine's entity cache (made, changed or read in this command). */
  private static AuthorizationEntity pending(String userId, String groupId, Resource resource, String resourceId) {
    CommandContext commandContext = Context.getCommandContext();
    DbEntityCache cache = commandContext.getDbEntityManager().getDbEntityCache();
    for (AuthorizationEntity cached : commandContext.getDbEntityManager().getCachedEntitiesByType(AuthorizationEntity.class)) {
      if (matches(cached, userId, groupId, resource, resourceId)) {
        return cache.isDeleted(cached) ? DELETED : cached;
      }
    }
    return null;
  }

  /**
   * The grants on the case's root process instance and on its history (both have the root's id), of
   * users and groups, stored or made in this command, without those deleted in it. Read from the
   * database once per command.
   */
  List<AuthorizationEntity> onCase() {
    CommandContext commandContext = Context.getCommandContext();
    DbEntityCache cache = commandContext.getDbEntityManager().getDbEntityCache();
    List<AuthorizationEntity> grants = new ArrayList<>(CommandMemo.current().storedGrants(rootProcessInstanceId,
        () -> authorizationService.createAuthorizationQuery()
            .authorizationType(AUTH_TYPE_GRANT)
            .resourceId(rootProcessInstanceId)
            .list().stream().map(AuthorizationEntity.class::cast).toList()));
    for (AuthorizationEntity cached : commandContext.getDbEntityManager().getCachedEntitiesByType(AuthorizationEntity.class)) {
      if (cached.getAuthorizationType() == AUTH_TYPE_GRANT && rootProcessInstanceId.equals(cached.getResourceId())
          && !grants.contains(cached)) {
        grants.add(cached);
      }
    }
    grants.removeIf(cache::isDeleted);
    return grants;
  }

  private static boolean matches(AuthorizationEntity a, String userId, String groupId, Resource resource, String resourceId) {
    return a.getAuthorizationType() == AUTH_TYPE_GRANT
        && a.getResourceType() == resource.resourceType()
        && Objects.equals(a.getResourceId(), resourceId)
        && Objects.equals(a.getUserId(), userId)
        && Objects.equals(a.getGroupId(), groupId);
  }

  private static void logUpdate(AuthorizationEntity authorization, AuthorizationEntity before) {
    Context.getCommandContext().getOperationLogManager()
        .logAuthorizationOperation(UserOperationLogEntry.OPERATION_TYPE_UPDATE, authorization, before);
  }

  private static AuthorizationEntity copy(AuthorizationEntity authorization) {
    AuthorizationEntity copy = new AuthorizationEntity(authorization.getAuthorizationType());
    copy.setId(authorization.getId());
    copy.setUserId(authorization.getUserId());
    copy.setGroupId(authorization.getGroupId());
    copy.setResourceType(authorization.getResourceType());
    copy.setResourceId(authorization.getResourceId());
    copy.setPermissions(authorization.getPermissions());
    copy.setRemovalTime(authorization.getRemovalTime());
    copy.setRootProcessInstanceId(authorization.getRootProcessInstanceId());
    return copy;
  }

  /** Marker: the grant was deleted earlier in the same command. */
  static final AuthorizationEntity DELETED = new AuthorizationEntity();
}
