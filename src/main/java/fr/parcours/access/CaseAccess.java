package fr.parcours.access;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import fr.parcours.engine.EngineCalls;
import fr.parcours.identity.Departements;
import fr.parcours.identity.Groups;
import fr.parcours.validation.JsonLists;
import fr.parcours.models.ModelContract.Processes;
import fr.parcours.models.ModelContract.Tasks;

/**
 * Need-to-know access to a case, kept by the engine's own authorizations as the case evolves.
 * Nobody sees a case by default; the grants of a case (the pathway instance, the technical
 * committees it calls, their history and their open tasks) are:
 * <ul>
 * <li>the social workers and the CTAS of the case's territory ({@code ts-} and {@code ctas-}
 * groups): read the case and its tasks; completing a task stays with its candidate group or
 * assignee (the task grants of {@link CaseTaskGrants});</li>
 * <li>the référent ({@code coordinatorId}), wherever they work: read the pathway, the committees
 * and every task;</li>
 * <li>each intervener who has an account ({@code userId} in {@code interveners}), from the person's
 * sharing consent ({@code sharingConsent = true}) on: read only;</li>
 * <li>a former référent, for {@code parcours.access.handover-period} after the CTAS designated
 * another one: read only; then nothing (timer {@code handoverPeriodEnded} of process {@code coordinator-handover}, or the
 * end of the case, whichever comes first).</li>
 * </ul>
 * Nobody holds UPDATE on a case: what changes it are the steps of the model (task grants) and the
 * follow-up requests of the case file, which the application checks and correlates itself
 * ({@code CaseRequests}). Pilots never get a case grant. Grants are made by the parse listener {@link AccessParseListener}
 * at each step: process start, task creation and completion, end of the case; users who are no
 * longer entitled (an intervener removed from the list, a former référent after the handover)
 * lose their grants at the next step. Tenant checks stay on: a grant never opens another
 * département's case.
 */
@Component("caseAccess")
public class CaseAccess {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final AccessProperties properties;
  private final Departements departements;
  private final AuthorizationService authorizationService;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final EngineCalls engineCalls;

  public CaseAccess(AccessProperties properties, Departements departements,
      @Lazy AuthorizationService authorizationService, @Lazy RuntimeService runtimeService,
      @Lazy TaskService taskService, @Lazy HistoryService historyService, @Lazy IdentityService identityService,
      EngineCalls engineCalls) {
    this.properties = properties;
    this.departements = departements;
    this.authorizationService = authorizationService;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.engineCalls = engineCalls;
  }

  /** The handover period, for the timer of the pathway: {@code ${caseAccess.handoverPeriod}}. */
  public String getHandoverPeriod() {
    return properties.getHandoverPeriod();
  }

  // --- the case's life (called by the parse listener's listeners, in the engine's command context)

  void processStarted(DelegateExecution execution) {
    privileged(() -> {
      ExecutionEntity instance = ((ExecutionEntity) execution).getProcessInstance();
      ExecutionEntity root = root(instance);
      if (!isPathway(root)) {
        return;
      }
      CaseGrants grants = grants(root.getId());
      boolean isRoot = root.getId().equals(instance.getId());
      for (String group : territoryGroups(root)) {
        grants.grantOnNew(null, group, PROCESS_INSTANCE, instance.getId(), READ);
        grants.grantOnNew(null, group, HISTORIC_PROCESS_INSTANCE, instance.getId(), HistoricProcessInstancePermissions.READ);
      }
      if (!isRoot) {
        for (String user : usersOnCase(grants)) {
          grants.grantOnNew(user, null, PROCESS_INSTANCE, instance.getId(), READ);
          grants.grantOnNew(user, null, HISTORIC_PROCESS_INSTANCE, instance.getId(), HistoricProcessInstancePermissions.READ);
        }
      }
    });
  }

  void processEnded(DelegateExecution execution) {
    privileged(() -> {
      ExecutionEntity instance = ((ExecutionEntity) execution).getProcessInstance();
      ExecutionEntity root = root(instance);
      if (isPathway(root) && root.getId().equals(instance.getId())) {
        syncPeople(root, null, true);
      }
    });
  }

  void taskCreated(DelegateTask task) {
    privileged(() -> {
      ExecutionEntity root = root((ExecutionEntity) task.getExecution());
      if (root == null || !isPathway(root)) {
        return;
      }
      Set<String> users = syncPeople(root, task.getId(), false);
      CaseGrants grants = grants(root.getId());
      for (String group : territoryGroups(root)) {
        grants.grantOnNew(null, group, TASK, task.getId(), READ);
      }
      for (String user : users) {
        grants.grantOnNew(user, null, TASK, task.getId(), READ);
      }
    });
  }

  void taskCompleted(DelegateTask task) {
    privileged(() -> {
      ExecutionEntity root = root((ExecutionEntity) task.getExecution());
      if (root != null && isPathway(root)) {
        syncPeople(root, task.getId(), false);
      }
    });
  }

  /** End of the handover period after a change of référent: the former one loses access unless otherwise entitled. */
  void handoverEnded(String pathwayInstanceId) {
    privileged(() -> {
      // A case that ended meanwhile has already withdrawn the former référent's access.
      ExecutionEntity root = Context.getCommandContext().getExecutionManager().findExecutionById(pathwayInstanceId);
      if (root != null && isPathway(root)) {
        syncPeople(root, null, false);
      }
    });
  }

  /**
   * Grants a running case everything it should have (territory groups and people, on every
   * resource); for cases that started before need-to-know access existed. Idempotent.
   */
  public void regrant(String rootProcessInstanceId) {
    privileged(() -> {
      ExecutionEntity root = Context.getCommandContext().getExecutionManager().findExecutionById(rootProcessInstanceId);
      if (root == null || !isPathway(root)) {
        return;
      }
      CaseGrants grants = grants(root.getId());
      CaseResources resources = resources(root.getId());
      for (String group : territoryGroups(root)) {
        grants.grant(null, group, PROCESS_INSTANCE, root.getId(), READ);
        // cases opened when territory groups could still update them
        grants.reduce(null, group, PROCESS_INSTANCE, root.getId(), UPDATE);
        resources.committees.forEach(id -> grants.grant(null, group, PROCESS_INSTANCE, id, READ));
        resources.history.forEach(id -> grants.grant(null, group, HISTORIC_PROCESS_INSTANCE, id,
            HistoricProcessInstancePermissions.READ));
        resources.tasks.forEach(t -> grants.grant(null, group, TASK, t.getId(), READ));
      }
      syncPeople(root, null, false);
    });
  }

  /** Whether the territory groups of a running case already have their grant on it. */
  public boolean isGranted(String rootProcessInstanceId, String territory) {
    return authorizationService.createAuthorizationQuery()
        .groupIdIn(Groups.socialWorkers(territory))
        .resourceType(PROCESS_INSTANCE)
        .resourceId(rootProcessInstanceId)
        .count() > 0;
  }

  // --- people

  /**
   * Brings the user grants of the case in line with who is entitled now: grants the newcomers on
   * every resource of the case, withdraws an update right left from before, and revokes those who are no
   * longer entitled. At the end of the case only the history grants remain to adjust. Returns the
   * users who have access to the case afterwards. In the usual step nobody comes or goes: then it
   * costs one read of the case's grants per command and nothing else.
   */
  private Set<String> syncPeople(ExecutionEntity root, String currentTaskId, boolean ended) {
    CaseGrants grants = grants(root.getId());
    Set<String> present = new LinkedHashSet<>();
    Map<String, AuthorizationEntity> onInstance = new LinkedHashMap<>();
    for (AuthorizationEntity grant : grants.onCase()) {
      if (grant.getUserId() != null) {
        present.add(grant.getUserId());
        if (grant.getResourceType() == PROCESS_INSTANCE.resourceType()) {
          onInstance.put(grant.getUserId(), grant);
        }
      }
    }
    Set<String> entitled = entitled(root, ended, present);
    Set<String> withAccess = new LinkedHashSet<>();
    CaseResources resources = null;
    if (!ended) {
      for (String user : entitled) {
        AuthorizationEntity instanceGrant = onInstance.containsKey(user)
            ? onInstance.get(user)
            : grants.find(user, null, PROCESS_INSTANCE, root.getId());
        if (instanceGrant == CaseGrants.DELETED) {
          continue;
        }
        withAccess.add(user);
        if (instanceGrant == null) {
          resources = resources != null ? resources : resources(root.getId());
          grantOnCase(grants, user, root.getId(), resources, currentTaskId);
        } else if (instanceGrant.isPermissionGranted(UPDATE)) {
          // cases opened when the référent could still update them
          grants.reduce(user, null, PROCESS_INSTANCE, root.getId(), UPDATE);
        }
      }
    }
    present.removeAll(entitled);
    for (String leaving : present) {
      resources = resources != null ? resources : resources(root.getId());
      revokeFromCase(grants, leaving, root.getId(), resources, currentTaskId, ended);
    }
    return withAccess;
  }

  private void grantOnCase(CaseGrants grants, String user, String rootId, CaseResources resources,
      String currentTaskId) {
    grants.grant(user, null, PROCESS_INSTANCE, rootId, READ);
    resources.committees.forEach(id -> grants.grant(user, null, PROCESS_INSTANCE, id, READ));
    resources.history.forEach(id -> grants.grant(user, null, HISTORIC_PROCESS_INSTANCE, id,
        HistoricProcessInstancePermissions.READ));
    resources.tasks.stream()
        .filter(task -> !task.getId().equals(currentTaskId))
        .forEach(task -> grants.grant(user, null, TASK, task.getId(), READ));
  }

  private void revokeFromCase(CaseGrants grants, String user, String rootId, CaseResources resources,
      String currentTaskId, boolean ended) {
    resources.history.forEach(id -> grants.revoke(user, HISTORIC_PROCESS_INSTANCE, id));
    if (ended) {
      // the engine deletes the grants of the running instance and of its tasks with them
      return;
    }
    grants.revoke(user, PROCESS_INSTANCE, rootId);
    resources.committees.forEach(id -> grants.revoke(user, PROCESS_INSTANCE, id));
    resources.tasks.stream()
        .filter(task -> !task.getId().equals(currentTaskId))
        .filter(task -> !user.equals(task.getAssignee()) && !user.equals(task.getOwner()))
        .forEach(task -> grants.revoke(user, TASK, task.getId()));
  }

  /**
   * Who may see the case as a person (not through a territory group). {@code present}: the users who
   * have a grant on the case now; a former référent is one of them, so the handover is looked up only
   * when someone present is no longer named by the case.
   */
  private Set<String> entitled(ExecutionEntity root, boolean ended, Set<String> present) {
    Set<String> people = named(root);
    if (!ended && !people.containsAll(present)) {
      people.addAll(formersInHandover(root.getId()));
    }
    people.removeAll(pilots(people));
    return people;
  }

  /** The people the case names: its référent and, once the person consented to share, its interveners with an account. */
  private static Set<String> named(ExecutionEntity root) {
    Set<String> people = new LinkedHashSet<>();
    if (Boolean.TRUE.equals(root.getVariable("sharingConsent"))) {
      for (SpinJsonNode intervener : JsonLists.elements(root.getVariable("interveners"))) {
        if (intervener.isObject() && intervener.hasProp("userId") && intervener.prop("userId").isString()) {
          String userId = intervener.prop("userId").stringValue().trim();
          if (!userId.isEmpty()) {
            people.add(userId);
          }
        }
      }
    }
    if (root.getVariable("coordinatorId") instanceof String coordinator && !coordinator.isBlank()) {
      people.add(coordinator);
    }
    return people;
  }

  /** The pilots among these people (looked up once per command, and only when there is someone to look up). */
  private Set<String> pilots(Set<String> people) {
    if (people.isEmpty()) {
      return Set.of();
    }
    return CommandMemo.current().pilots(() -> identityService.createUserQuery()
        .memberOfGroup(Groups.PILOTS).list().stream().map(User::getId).collect(Collectors.toSet()));
  }

  // --- tasks given and taken back (CaseTaskGrants, in the engine's command context)

  /**
   * Whether a task may bring grants to this user when given to them (assignee, owner, delegate,
   * candidate): a member of the case's territory groups, or named by the case (référent, interveners
   * after the sharing consent); never a pilot, nor a former référent (they only read). True for a
   * task outside a case. Validation asks it too, of a field naming who a step is given to.
   */
  public boolean mayBeGiven(Task task, String userId) {
    ExecutionEntity root = caseOf(task);
    if (root == null) {
      return true;
    }
    return engineCalls.withoutChecks(() -> {
      Set<String> named = named(root);
      if (named.contains(userId)) {
        return !pilots(named).contains(userId);
      }
      List<String> groups = territoryGroups(root);
      return !groups.isEmpty() && identityService.createGroupQuery().groupMember(userId)
          .groupIdIn(groups.toArray(String[]::new)).count() > 0;
    });
  }

  /** Whether a task may bring grants to this group when it becomes a candidate: only the case's territory groups. */
  boolean mayBeGivenToGroup(Task task, String groupId) {
    ExecutionEntity root = caseOf(task);
    return root == null || territoryGroups(root).contains(groupId);
  }

  /**
   * A task taken away from a user or a group (another assignee, owner or candidate): the work
   * permissions it gave are taken back, unless they still hold the task otherwise. Who reads the case
   * keeps reading the task (its territory groups, the people it names); anyone else loses the grant.
   */
  void takenBack(Task task, String userId, String groupId) {
    ExecutionEntity root = caseOf(task);
    if (root == null || userId != null && (userId.equals(task.getAssignee()) || userId.equals(task.getOwner()))) {
      return;
    }
    privileged(() -> {
      CaseGrants grants = grants(root.getId());
      boolean reads = userId != null ? usersOnCase(grants).contains(userId) : territoryGroups(root).contains(groupId);
      if (reads) {
        grants.reduce(userId, groupId, TASK, task.getId(), UPDATE, TaskPermissions.TASK_WORK, TaskPermissions.READ_VARIABLE);
      } else {
        grants.revoke(userId, groupId, TASK, task.getId());
      }
    });
  }

  /** The pathway (root instance) of a task of a case, or null for a task outside a case. */
  private static ExecutionEntity caseOf(Task task) {
    ExecutionEntity execution = task instanceof TaskEntity entity ? entity.getExecution() : null;
    ExecutionEntity root = execution == null ? null : root(execution);
    return isPathway(root) ? root : null;
  }

  /**
   * Former référents still within their handover period: the référent a change of référent
   * replaced ({@code previousCoordinatorId} of each {@code reassignCoordinator}), while that task
   * is open or less than the handover period after it was completed.
   */
  private Set<String> formersInHandover(String rootId) {
    Set<String> formers = new LinkedHashSet<>();
    Date now = ClockUtil.getCurrentTime();
    for (HistoricActivityInstance reassignment : historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(rootId).activityId(Tasks.REASSIGN_COORDINATOR).list()) {
      Date end = reassignment.getEndTime();
      boolean inHandover = end == null || !reassignment.isCanceled()
          && end.toInstant().atZone(PARIS).plus(properties.handover()).toInstant().isAfter(now.toInstant());
      if (inHandover) {
        HistoricVariableInstance previous = historyService.createHistoricVariableInstanceQuery()
            .processInstanceId(rootId)
            .activityInstanceIdIn(reassignment.getId())
            .variableName("previousCoordinatorId")
            .singleResult();
        if (previous != null && previous.getValue() instanceof String former && !former.isBlank()) {
          formers.add(former);
        }
      }
    }
    return formers;
  }

  /** Users with a personal grant on the case (its history grant marks them). */
  private static List<String> usersOnCase(CaseGrants grants) {
    return grants.onCase().stream()
        .filter(grant -> grant.getUserId() != null && grant.getResourceType() == HISTORIC_PROCESS_INSTANCE.resourceType())
        .map(AuthorizationEntity::getUserId).distinct().toList();
  }

  // --- the case

  /** The running committees, the historic instances (the case and its committees) and the open tasks of a case. */
  private record CaseResources(List<String> committees, List<String> history, List<Task> tasks) {}

  private CaseResources resources(String rootId) {
    List<String> committees = runtimeService.createProcessInstanceQuery().superProcessInstanceId(rootId).list().stream()
        .map(ProcessInstance::getId).toList();
    List<String> history = historyService.createHistoricProcessInstanceQuery().rootProcessInstanceId(rootId).list().stream()
        .map(HistoricProcessInstance::getId).toList();
    if (!history.contains(rootId)) {
      history = new ArrayList<>(history);
      history.add(0, rootId);
    }
    List<String> running = new ArrayList<>(committees);
    running.add(rootId);
    List<Task> tasks = taskService.createTaskQuery().processInstanceIdIn(running.toArray(String[]::new)).list();
    return new CaseResources(committees, history, tasks);
  }

  private List<String> territoryGroups(ExecutionEntity root) {
    if (root.getVariable("territory") instanceof String territory && departements.isTerritory(territory)) {
      return List.of(Groups.socialWorkers(territory), Groups.ctas(territory));
    }
    return List.of();
  }

  private static ExecutionEntity root(ExecutionEntity execution) {
    ExecutionEntity instance = execution.getProcessInstance();
    String rootId = instance.getRootProcessInstanceId();
    if (rootId == null || rootId.equals(instance.getId())) {
      return instance;
    }
    ExecutionEntity root = instance;
    while (root.getSuperExecution() != null) {
      root = root.getSuperExecution().getProcessInstance();
    }
    return root;
  }

  private static boolean isPathway(ExecutionEntity root) {
    return root != null && root.getProcessDefinition() != null && Processes.PATHWAY.equals(root.getProcessDefinition().getKey());
  }

  private CaseGrants grants(String rootProcessInstanceId) {
    return new CaseGrants(authorizationService, rootProcessInstanceId);
  }

  /**
   * Runs engine calls as the system: the acting user (a social worker completing a task) needs no
   * right on authorizations, nor on the other resources of the case; the tenant check stays the
   * caller's business, not the grants'. The acting user remains the author in the operation log.
   */
  private void privileged(Runnable action) {
    CommandContext commandContext = Context.getCommandContext();
    // task listeners run with the operation log off (Camunda's rule for custom code): the grants
    // made for the acting user's step are theirs to answer for, so they are logged
    boolean operationLog = commandContext.isUserOperationLogEnabled();
    commandContext.enableUserOperationLog();
    try {
      engineCalls.withoutChecks(action);
    } finally {
      if (!operationLog) {
        commandContext.disableUserOperationLog();
      }
    }
  }
}
