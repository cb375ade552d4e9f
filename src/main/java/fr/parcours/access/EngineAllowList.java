package fr.parcours.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.ActivityStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.ProcessDefinitionStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.*;
import org.camunda.bpm.engine.impl.dmn.cmd.*;
import org.camunda.bpm.engine.impl.metrics.MetricsQueryImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.task.Comment;

import fr.parcours.engine.CommandArguments;
import fr.parcours.identity.Groups;
import fr.parcours.models.ModelContract.Processes;

/**
 * What the people of the démarche may ask of the engine, in one place: workers (social workers,
 * CTAS, partners, référents), pilots, data-protection officers and managers. Operators
 * ({@code camunda-admin}) are not bound by it, nor is the application's own code (see
 * {@link EngineGuard}). Every engine command not listed here is refused before it runs.
 *
 * <ul>
 * <li><b>Reads</b> that Tasklist, Cockpit and the Welcome page need: queries, forms, definitions,
 * variables, identity links, filters. What they return is decided by the engine's authorizations,
 * i.e. the need-to-know grants of each case; listing users needs their ids (Tasklist only checks
 * that an assignee exists). Task comments are read only on a task the caller sees; attachments are
 * never read (the démarche has none): for the caller they do not exist.</li>
 * <li><b>Steps of the démarche</b>: start a pathway; claim, unclaim and complete (the form
 * submitted, validated on the server) the tasks offered to them; give a task to someone of its
 * team (delegation included); a follow-up date on a task; change one's own password. The follow-up
 * requests of a case (the model's messages) are not engine calls of theirs: they go through
 * {@code POST /api/cases/{key}/requests}, which checks who may ask what and when, then correlates
 * the message as the application.</li>
 * <li><b>Managers</b> ({@code gestionnaires}, {@code gestionnaires-<département>}) also deploy
 * models (the engine's DEPLOYMENT grants decide where), and read the statistics of the definitions
 * (instances and incidents per element, Cockpit's diagram) without any grant on a case: of their
 * département, or of every one for the national managers.</li>
 * </ul>
 *
 * Everything else is refused (403): variable writes outside a task's completion, modification,
 * suspension, deletion, migration, message correlation, signals, conditions, job execution and job
 * settings, incidents, external tasks, batches, attachments, comments (the case journal is written
 * by the application), owner, due date, name or priority changes, identity links, BPMN errors and
 * escalations, history deletion, identity, profile, authorization and filter writes, decision
 * evaluation.
 */
public final class EngineAllowList {

  /** The caller, as the engine knows them for this command. */
  public record Caller(String userId, List<String> groupIds) {

    boolean isManager() {
      return groupIds.stream().anyMatch(group -> group.equals(Groups.MANAGERS) || group.startsWith(Groups.MANAGERS + "-"));
    }

    /** A manager of the national models: their counts take in every département. */
    boolean isNationalManager() {
      return groupIds.contains(Groups.MANAGERS);
    }
  }

  /** What the engine must look up to judge some commands; answered without authorization checks. */
  public interface Lookups {

    /** The key of the process definition with that id, or null. */
    String processDefinitionKey(String processDefinitionId);

    /** Whether the user belongs to the task's team: its candidate users, members of its candidate groups, its assignee. */
    boolean inTaskTeam(String taskId, String userId);

    /** Whether the caller sees the task (their authorizations and tenants). */
    boolean callerSeesTask(String taskId);

    /** The stored first name, last name and e-mail of the user, or null when there is no such user. */
    List<String> storedProfile(String userId);
  }

  /** The verdict on one command. */
  public sealed interface Verdict {
    /** Runs the command. */
    record Allow() implements Verdict {}

    /** Refuses the command: 403 with the reason. */
    record Refuse(String reason) implements Verdict {}

    /** Answers as if the thing asked for did not exist, without running the command. */
    record Nothing(Object answer) implements Verdict {}

    /** Runs the command without authorization checks, and without the tenant check unless {@code tenantCheck}. */
    record WithoutChecks(boolean tenantCheck) implements Verdict {}
  }

  static final String NOT_A_STEP = "Opération refusée : elle ne fait pas partie de la démarche (réservée aux opérateurs)";
  private static final Verdict ALLOW = new Verdict.Allow();
  private static final Verdict REFUSE = new Verdict.Refuse(NOT_A_STEP);

  /**
   * The engine's statistics of a process definition: how many instances wait at each element, how
   * many incidents (Cockpit's diagram and its list of definitions). Counts only, never a case.
   */
  private static final Set<Class<?>> STATISTICS = Set.of(ActivityStatisticsQueryImpl.class,
      ProcessDefinitionStatisticsQueryImpl.class);

  /** Properties of a task that its team may change through an update ({@code PUT /task/{id}}). */
  private static final Set<String> TASK_UPDATES = Set.of(TaskEntity.FOLLOW_UP_DATE);

  private final Map<Class<?>, Rule> rules = new HashMap<>();

  public EngineAllowList() {
    // --- reads: the engine's authorizations and tenants decide what they return
    reads(
        // forms of tasks and of the start
        GetTaskFormCmd.class, GetDeployedTaskFormCmd.class, GetRenderedTaskFormCmd.class, GetTaskFormVariablesCmd.class,
        GetStartFormCmd.class, GetDeployedStartFormCmd.class, GetRenderedStartFormCmd.class,
        GetStartFormVariablesCmd.class, GetFormKeyCmd.class, GetCamundaFormDefinitionCmd.class,
        // models: definitions, diagrams, deployed resources
        GetDeployedProcessDefinitionCmd.class, GetDeploymentProcessModelCmd.class, GetDeploymentProcessDiagramCmd.class,
        GetDeploymentProcessDiagramLayoutCmd.class, GetDeploymentBpmnModelInstanceCmd.class,
        GetStaticCalledProcessDefinitionCmd.class, GetIdentityLinksForProcessDefinitionCmd.class,
        GetDeploymentResourceCmd.class, GetDeploymentResourceForIdCmd.class, GetDeploymentResourceNamesCmd.class,
        GetDeploymentResourcesCmd.class, GetDeploymentDecisionDefinitionCmd.class, GetDeploymentDecisionModelCmd.class,
        GetDeploymentDecisionDiagramCmd.class, GetDeploymentDecisionRequirementsDefinitionCmd.class,
        GetDeploymentDecisionRequirementsModelCmd.class, GetDeploymentDecisionRequirementsDiagramCmd.class,
        // cases and tasks
        GetActivityInstanceCmd.class, FindActiveActivityIdsCmd.class, GetExecutionVariableCmd.class,
        GetExecutionVariableTypedCmd.class, GetExecutionVariablesCmd.class, GetTaskVariableCmd.class,
        GetTaskVariableCmdTyped.class, GetTaskVariablesCmd.class, GetIdentityLinksForTaskCmd.class, GetSubTasksCmd.class,
        // Tasklist's filters
        GetFilterCmd.class, ExecuteFilterCountCmd.class, ExecuteFilterListCmd.class, ExecuteFilterListPageCmd.class,
        ExecuteFilterSingleResultCmd.class,
        // the caller's identity, the webapps' checks
        CheckPassword.class, GetPasswordPolicyCmd.class, GetUserInfoCmd.class, GetUserInfoKeysCmd.class,
        GetUserPictureCmd.class, IsIdentityServiceReadOnlyCmd.class, AuthorizationCheckCmd.class,
        CreateUserQueryCmd.class, CreateGroupQueryCmd.class, CreateTenantQueryCmd.class,
        GetHistoryLevelCmd.class, IsTelemetryEnabledCmd.class, MetricsQueryImpl.class);
    // comments: only those of a task the caller sees; attachments: none
    rule(GetTaskCommentsCmd.class, (command, caller, lookups) ->
        lookups.callerSeesTask(CommandArguments.of(command, "taskId")) ? ALLOW : new Verdict.Nothing(List.<Comment>of()));
    rule(GetTaskCommentCmd.class, (command, caller, lookups) ->
        lookups.callerSeesTask(CommandArguments.of(command, "taskId")) ? ALLOW : new Verdict.Nothing(null));
    for (Class<?> attachments : List.of(GetAttachmentCmd.class, GetAttachmentContentCmd.class,
        GetTaskAttachmentCmd.class, GetTaskAttachmentContentCmd.class)) {
      rule(attachments, (command, caller, lookups) -> new Verdict.Nothing(null));
    }
    for (Class<?> attachments : List.of(GetTaskAttachmentsCmd.class, GetProcessInstanceAttachmentsCmd.class)) {
      rule(attachments, (command, caller, lookups) -> new Verdict.Nothing(List.of()));
    }

    // --- steps of the démarche
    rule(StartProcessInstanceCmd.class, (command, caller, lookups) -> {
      ProcessInstantiationBuilderImpl start = CommandArguments.of(command, "instantiationBuilder");
      String key = start.getProcessDefinitionKey() != null ? start.getProcessDefinitionKey()
          : lookups.processDefinitionKey(start.getProcessDefinitionId());
      return startsPathway(key);
    });
    rule(SubmitStartFormCmd.class, (command, caller, lookups) ->
        startsPathway(lookups.processDefinitionKey(CommandArguments.of(command, "processDefinitionId"))));
    allow(CompleteTaskCmd.class, SubmitTaskFormCmd.class, ResolveTaskCmd.class);
    rule(ClaimTaskCmd.class, (command, caller, lookups) ->
        toTeam(CommandArguments.of(command, "taskId"), CommandArguments.of(command, "userId"), lookups));
    rule(AssignTaskCmd.class, (command, caller, lookups) ->
        toTeam(CommandArguments.of(command, "taskId"), CommandArguments.of(command, "userId"), lookups));
    rule(DelegateTaskCmd.class, (command, caller, lookups) ->
        toTeam(CommandArguments.of(command, "taskId"), CommandArguments.of(command, "userId"), lookups));
    rule(SaveTaskCmd.class, (command, caller, lookups) -> {
      TaskEntity task = CommandArguments.of(command, "task");
      boolean update = task != null && task.getRevision() > 0 && TASK_UPDATES.containsAll(task.getPropertyChanges().keySet());
      return update ? ALLOW : new Verdict.Refuse("Opération refusée : seule la date de suivi d'une tâche peut être modifiée");
    });
    rule(SaveUserCmd.class, (command, caller, lookups) -> {
      UserEntity user = CommandArguments.of(command, "user");
      boolean ownPassword = user != null && caller.userId().equals(user.getId())
          && List.of(nullToEmpty(user.getFirstName()), nullToEmpty(user.getLastName()), nullToEmpty(user.getEmail()))
              .equals(lookups.storedProfile(user.getId()));
      return ownPassword ? ALLOW : new Verdict.Refuse("Opération refusée : le profil des utilisateurs est géré par les opérateurs");
    });
    // --- jobs run at their time (timers, reminders), never on request: named for its own refusal, which
    // the guard makes sure records no failed run (EngineGuard)
    rule(ExecuteJobsCmd.class, (command, caller, lookups) -> new Verdict.Refuse(
        "Opération refusée : un délai ou une relance s'exécute à son échéance, pas à la demande (réservé aux opérateurs)"));

    // --- managers deploy models
    rule(DeployCmd.class, (command, caller, lookups) -> caller.isManager() ? ALLOW : REFUSE);
  }

  /** The verdict on a command of the engine (a Camunda command run for an authenticated non-operator). */
  public Verdict judge(Object command, Caller caller, Lookups lookups) {
    if (command instanceof UserQueryImpl users) {
      boolean byId = users.getId() != null || (users.getIds() != null && users.getIds().length > 0);
      return byId ? ALLOW : new Verdict.Refuse("Opération refusée : la liste des utilisateurs est réservée aux opérateurs");
    }
    if (caller.isManager() && STATISTICS.contains(command.getClass())) {
      // managers read the models in Cockpit with their instance counts, and hold no grant on any case:
      // the counts are made without the grants, within their département (all of them for national models)
      return new Verdict.WithoutChecks(!caller.isNationalManager());
    }
    if (command instanceof AbstractQuery<?, ?>) {
      return ALLOW;
    }
    if (isWebappQuery(command)) {
      return ALLOW;
    }
    Rule rule = rules.get(command.getClass());
    return rule == null ? REFUSE : rule.judge(command, caller, lookups);
  }

  /**
   * The webapps' own queries (Cockpit's and Admin's plugins): reads, under the engine's authorizations.
   * Those of their query service (Cockpit's lists of instances, incidents, definitions) run on the
   * webapps' own command executor and never reach the guard: the authorization and tenant checks the
   * webapp sets on them are all that binds them.
   */
  private static boolean isWebappQuery(Object command) {
    String name = command.getClass().getName();
    return name.startsWith("org.camunda.bpm.cockpit.") || name.startsWith("org.camunda.bpm.webapp.");
  }

  private static Verdict startsPathway(String processDefinitionKey) {
    return Processes.PATHWAY.equals(processDefinitionKey) ? ALLOW
        : new Verdict.Refuse("Opération refusée : seule une démarche référent de parcours peut être démarrée");
  }

  private static Verdict toTeam(String taskId, String userId, Lookups lookups) {
    if (userId == null || lookups.inTaskTeam(taskId, userId)) {
      // giving back a task, or to one of its team: the engine checks the caller's own rights on it
      return ALLOW;
    }
    return new Verdict.Refuse("Opération refusée : une tâche ne peut être confiée qu'à un membre de son équipe");
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private void reads(Class<?>... commands) {
    allow(commands);
  }

  private void allow(Class<?>... commands) {
    for (Class<?> command : commands) {
      rule(command, (c, caller, lookups) -> ALLOW);
    }
  }

  private void rule(Class<?> command, Rule rule) {
    rules.put(command, rule);
  }

  @FunctionalInterface
  private interface Rule {
    Verdict judge(Object command, Caller caller, Lookups lookups);
  }
}
