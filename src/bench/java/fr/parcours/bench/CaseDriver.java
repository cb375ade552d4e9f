package fr.parcours.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;

import fr.parcours.demo.PathwayDriver;
import fr.parcours.support.Cases;

/**
 * Drives one full case through the engine's API, as the forms would, with every listener of the
 * application on: referral → consent → diagnostic → admission committee (scheduled for now, its
 * timer executed, admit) → agreement → one synthesis meeting (message then task) → coordination
 * ends → shared review (two contributions, the référent's review) → review committee (close).
 * Twelve user tasks, two timers, one message. The flat baseline completes twelve user tasks with
 * the same variables ({@link FlatProcess}).
 */
final class CaseDriver {

  static final int USER_TASKS = 12;

  private final RuntimeService runtime;
  private final ManagementService management;
  private final PathwayDriver driver;

  CaseDriver(ProcessEngine engine) {
    this.runtime = engine.getRuntimeService();
    this.management = engine.getManagementService();
    this.driver = new PathwayDriver(engine);
  }

  /** The variables each of the twelve steps submits, in order (the flat process submits the same). */
  static List<Map<String, Object>> stepVariables(String territory) {
    return List.of(
        Cases.consent(true, "ts2." + territory),
        Cases.diagnostic(),
        Cases.schedule(Instant.now(), 0),
        Cases.decision("admit", "ts2." + territory),
        Cases.agreement(),
        Cases.synthesisMeeting("Point d'étape"),
        Map.of(),
        Cases.contribution("Contribution au bilan."),
        Cases.contribution("Contribution au bilan."),
        Cases.sharedReview("[\"employment\",\"housing-solution\"]", "close", null),
        Cases.schedule(Instant.now(), 0),
        Cases.decision("close", null));
  }

  static VariableMap referral(String territory) {
    return Cases.referral(territory).putValue("personRef", "BENCH-T-" + UUID.randomUUID().toString().substring(0, 13));
  }

  /** One full case of the pathway; returns the number of user tasks completed. */
  int pathway(String territory) {
    List<Map<String, Object>> steps = stepVariables(territory);
    ProcessInstance pathway = driver.refer(referral(territory));
    String key = driver.businessKey(pathway);
    complete(key, "recordConsent", steps.get(0));
    complete(key, "globalDiagnostic", steps.get(1));
    committee(pathway, key, steps.get(2), steps.get(3));
    complete(key, "signAgreement", steps.get(4));
    driver.correlate(key, "synthesisRequested", Cases.synthesisRequest("intervener", "Point d'étape"));
    complete(key, "holdSynthesisMeeting", steps.get(5));
    complete(key, "coordinatePathway", steps.get(6));
    List<Task> contributions = driver.tasks(key, "contributeToReview");
    if (contributions.size() != 2) {
      throw new IllegalStateException(key + ": " + contributions.size() + " contributions instead of 2");
    }
    driver.complete(contributions.get(0), steps.get(7));
    driver.complete(contributions.get(1), steps.get(8));
    complete(key, "prepareSharedReview", steps.get(9));
    committee(pathway, key, steps.get(10), steps.get(11));
    if (driver.isRunning(pathway)) {
      throw new IllegalStateException(key + " did not end");
    }
    return USER_TASKS;
  }

  /** The committee the case waits for: scheduled for now, its timer executed, then held. */
  private void committee(ProcessInstance pathway, String key, Map<String, Object> schedule,
      Map<String, Object> decision) {
    complete(key, "scheduleCommittee", schedule);
    ProcessInstance committee = runtime.createProcessInstanceQuery().superProcessInstanceId(pathway.getId())
        .singleResult();
    List<Job> timers = management.createJobQuery().processInstanceId(committee.getId()).timers()
        .activityId("committeeDay").list();
    for (Job timer : timers) {
      driver.execute(timer);
    }
    complete(key, "holdCommittee", decision);
  }

  private void complete(String businessKey, String taskKey, Map<String, Object> variables) {
    driver.complete(businessKey, taskKey, variables);
  }

  /** One case of the flat baseline: started, then its twelve tasks completed with the same variables. */
  int flat(String territory) {
    List<Map<String, Object>> steps = stepVariables(territory);
    String key = "FLAT-" + UUID.randomUUID();
    runtime.startProcessInstanceByKey(FlatProcess.KEY, key, referral(territory));
    for (int i = 0; i < USER_TASKS; i++) {
      complete(key, FlatProcess.taskKey(i), steps.get(i));
    }
    return USER_TASKS;
  }
}
