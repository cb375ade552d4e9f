package fr.parcours.demo;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

import fr.parcours.engine.EngineCalls;
import fr.parcours.models.ModelContract.Processes;

/**
 * Drives cases through the processes with the engine's API, as people do it through the forms:
 * the referral, each step (a task of the case or of its technical committee, completed with the
 * variables its form submits), the timers falling due (run as the job executor would) and the
 * messages of the follow-up. Every listener and rule of the application applies. The one way the
 * demo data, the tests and the benchmark move a case.
 *
 * <p>A case is found by its business key (the case reference): its committees and the handover
 * between référents carry the same one. {@link #as(String)} drives as a given user: the steps are
 * theirs in the engine (assignee, operation log, journal), and, as for any application code that
 * acts for a user, run without the engine's authorization checks ({@link EngineCalls#withoutChecks}).
 * Without a user, nobody is authenticated (the engine's own view, as the job executor has).
 */
public class PathwayDriver {

  private final ProcessEngine engine;
  private final String userId;

  public PathwayDriver(ProcessEngine engine) {
    this(engine, null);
  }

  private PathwayDriver(ProcessEngine engine, String userId) {
    this.engine = engine;
    this.userId = userId;
  }

  /** The same driver acting as {@code userId}. */
  public PathwayDriver as(String userId) {
    return new PathwayDriver(engine, userId);
  }

  /** Refers a person: starts a pathway with the referral's variables; the case reference is its business key. */
  public ProcessInstance refer(Map<String, Object> referral) {
    return call(() -> engine.getRuntimeService().startProcessInstanceByKey(Processes.PATHWAY, referral));
  }

  /** The case reference of a pathway (given by the model's start listener, so read back from history). */
  public String businessKey(ProcessInstance pathway) {
    if (pathway.getBusinessKey() != null) {
      return pathway.getBusinessKey();
    }
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pathway.getId())
        .singleResult().getBusinessKey();
  }

  public boolean isRunning(ProcessInstance pathway) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pathway.getId()).count() > 0;
  }

  /** The single open task with that key in the case or in its committee, or null. */
  public Task task(String businessKey, String taskKey) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey(taskKey).singleResult();
  }

  public List<Task> tasks(String businessKey, String taskKey) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey(taskKey).list();
  }

  /** Every open task of the case and of its committee. */
  public List<Task> openTasks(String businessKey) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey).list();
  }

  /** Completes the step the case waits at, with what its form submits. */
  public void complete(String businessKey, String taskKey, Map<String, Object> variables) {
    Task task = task(businessKey, taskKey);
    if (task == null) {
      throw new IllegalStateException(businessKey + " is not waiting at " + taskKey);
    }
    complete(task, variables);
  }

  public void complete(Task task, Map<String, Object> variables) {
    call(() -> {
      engine.getTaskService().complete(task.getId(), variables);
      return null;
    });
  }

  /** Correlates a follow-up message to the case, its payload as variables (as POST /message does). */
  public void correlate(String businessKey, String messageName, Map<String, Object> payload) {
    call(() -> {
      engine.getRuntimeService().createMessageCorrelation(messageName).processInstanceBusinessKey(businessKey)
          .setVariables(payload).correlate();
      return null;
    });
  }

  /** Whether the case is somewhere the message is awaited. */
  public boolean awaits(String businessKey, String messageName) {
    return engine.getRuntimeService().createExecutionQuery().processInstanceBusinessKey(businessKey)
        .messageEventSubscriptionName(messageName).count() > 0;
  }

  /** The jobs of the running instances of the case (pathway, committee, handover) with retries left, due or not. */
  public List<Job> jobs(String businessKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()
        .stream()
        .flatMap(instance -> engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
            .withRetriesLeft().list().stream())
        .toList();
  }

  /** The jobs of the case that are due now (engine clock), earliest first. */
  public List<Job> dueJobs(String businessKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()
        .stream()
        .flatMap(instance -> engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
            .executable().list().stream())
        .sorted(Comparator.comparing(Job::getDuedate, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
  }

  public void execute(Job job) {
    engine.getManagementService().executeJob(job.getId());
  }

  /**
   * Runs the jobs of the case that are due now, one at a time in due-date order, looking again
   * after each (a job may create or delete others), as the job executor would. Returns how many ran.
   */
  public int runDueJobs(String businessKey) {
    int executed = 0;
    while (true) {
      List<Job> due = dueJobs(businessKey);
      if (due.isEmpty()) {
        return executed;
      }
      if (++executed > 50) {
        throw new IllegalStateException("Jobs keep falling due in case " + businessKey);
      }
      execute(due.get(0));
    }
  }

  /** Runs the calls as the driver's user, without authorization or tenant checks; or as they are, without a user. */
  private <T> T call(Supplier<T> calls) {
    if (userId == null) {
      return calls.get();
    }
    IdentityService identityService = engine.getIdentityService();
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
        .toList();
    List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
    return new EngineCalls(engine).withoutChecks(new Authentication(userId, groups, tenants), calls);
  }
}
