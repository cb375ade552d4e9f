package fr.parcours.support;

import static org.camunda.spin.Spin.JSON;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;

import fr.parcours.demo.PathwayDriver;
import fr.parcours.validation.InvalidCaseInputException;

/**
 * Builds cases and drives them step by step with the application's {@link PathwayDriver} (the
 * demo's and the benchmark's too), with the variables each form would submit. Each case gets a
 * fresh personRef so tests never collide.
 */
public final class Cases {

  private final ProcessEngine engine;
  private final PathwayDriver driver;

  public Cases(ProcessEngine engine) {
    this.engine = engine;
    this.driver = new PathwayDriver(engine);
  }

  /** The driver under these shortcuts, e.g. to act as a given user. */
  public PathwayDriver driver() {
    return driver;
  }

  /** A referral that the default table finds eligible: two interveners with accounts, three domains, durable. */
  public static VariableMap referral(String territory) {
    return Variables.createVariables()
        .putValue("personRef", "P-" + UUID.randomUUID().toString().substring(0, 8))
        .putValue("personLabel", "M. D. 1984")
        .putValue("territory", territory)
        .putValue("referrerId", "ts." + territory)
        .putValueTyped("interveners", json("""
            [{"name":"Conseillère CAF","organisation":"CAF","role":"Accès aux droits","userId":"caf.%1$s"},
             {"name":"Conseiller France Travail","organisation":"France Travail","role":"Emploi","userId":"ft.%1$s"}]
            """.formatted(territory)))
        .putValueTyped("difficultyDomains", json("[\"housing\",\"employment\",\"education\"]"))
        .putValue("durableSupport", true)
        .putValue("urgent", false);
  }

  public static org.camunda.spin.plugin.variable.value.JsonValue json(String text) {
    return SpinValues.jsonValue(JSON(text)).create();
  }

  public ProcessInstance start(VariableMap variables) {
    return driver.refer(variables);
  }

  /** The single open task with that key in the case or in the committee it called. */
  public Task task(ProcessInstance pathway, String taskKey) {
    return driver.task(businessKey(pathway), taskKey);
  }

  public List<Task> tasks(ProcessInstance pathway, String taskKey) {
    return driver.tasks(businessKey(pathway), taskKey);
  }

  public String businessKey(ProcessInstance pathway) {
    return driver.businessKey(pathway);
  }

  public void complete(ProcessInstance pathway, String taskKey, Map<String, Object> variables) {
    driver.complete(businessKey(pathway), taskKey, variables);
  }

  // --- the variables each form submits on the happy path

  public static Map<String, Object> consent(boolean given, String preferredCoordinatorId) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("consentGiven", given);
    variables.put("sharingConsent", given);
    if (preferredCoordinatorId != null) {
      variables.put("preferredCoordinatorId", preferredCoordinatorId);
    }
    return variables;
  }

  public static VariableMap diagnostic() {
    return Variables.createVariables()
        .putValue("diagnosisSummary", "Cumul de difficultés de logement, d'emploi et de scolarité.")
        .putValue("strengths", "Famille mobilisée")
        .putValueTyped("actionPlan", json("""
            [{"id":"o1","label":"Trouver un logement adapté","domain":"housing","ownerName":"CCAS","dueDate":"2027-03-01","status":"planned"}]
            """))
        .putValue("plannedDuration", "P6M")
        .putValue("reviewCycle", "P2M");
  }

  /** Committee scheduled in {@code days} days; the date is an ISO string as the form submits it. */
  public static VariableMap schedule(Instant now, int days) {
    return Variables.createVariables()
        .putValue("committeeDate", now.plus(days, ChronoUnit.DAYS).toString())
        .putValueTyped("invitedMembers", json("""
            [{"name":"Conseillère CAF","organisation":"CAF"},{"name":"Conseiller France Travail","organisation":"France Travail"},
             {"name":"Assistante sociale","organisation":"Département"},{"name":"Éducateur","organisation":"ASE"}]
            """));
  }

  public static VariableMap decision(String decision, String coordinatorId) {
    VariableMap variables = Variables.createVariables()
        .putValueTyped("attendance", json("""
            [{"name":"Conseillère CAF","organisation":"CAF","present":true},
             {"name":"Conseiller France Travail","organisation":"France Travail","present":true},
             {"name":"Assistante sociale","organisation":"Département","present":true},
             {"name":"Éducateur","organisation":"ASE","present":false}]
            """))
        .putValue("personPresent", true)
        .putValue("committeeDecision", decision)
        .putValue("decisionNotes", "Décision collégiale.");
    if (coordinatorId != null) {
      variables.putValue("coordinatorId", coordinatorId);
    }
    return variables;
  }

  public static Map<String, Object> agreement() {
    return Map.of("agreementSigned", true, "agreementDate", "2026-12-01");
  }

  /** Executes every job of the case (and its committees) that is due now, as the job executor would. */
  public void executeDueJobs(ProcessInstance pathway) {
    for (Job job : dueJobs(pathway)) {
      driver.execute(job);
    }
  }

  public List<Job> dueJobs(ProcessInstance pathway) {
    return driver.dueJobs(businessKey(pathway));
  }

  // --- shortcuts to a given step (added for the path tests)

  /** The technical committee the case is in now, or null when none is running. */
  public ProcessInstance committee(ProcessInstance pathway) {
    return engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(pathway.getId())
        .processDefinitionKey("technical-committee")
        .singleResult();
  }

  /** Starts an eligible referral and completes consent and diagnostic: the admission committee waits to be scheduled. */
  public ProcessInstance startAtAdmissionCommittee(VariableMap referral, String preferredCoordinatorId) {
    ProcessInstance pathway = start(referral);
    complete(pathway, "recordConsent", consent(true, preferredCoordinatorId));
    complete(pathway, "globalDiagnostic", diagnostic());
    return pathway;
  }

  /**
   * Schedules the committee in {@code days} days, moves the engine clock just past that date and
   * runs the due jobs, so that {@code holdCommittee} is open.
   */
  public void scheduleAndReachCommitteeDay(ProcessInstance pathway, int days) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    complete(pathway, "scheduleCommittee", schedule(now, days));
    ClockUtil.setCurrentTime(Date.from(now.plus(days, ChronoUnit.DAYS).plusSeconds(60)));
    executeDueJobs(pathway);
  }

  // --- follow-up, messages and shared review (added for the follow-up tests)

  /**
   * Drives a fresh case to the follow-up: consent (the person prefers {@code coordinatorId}),
   * diagnostic ({@code plannedDuration} P6M, {@code reviewCycle} P2M), admission committee (admit,
   * that référent) and agreement. {@code coordinatePathway} is then open for the référent.
   */
  public ProcessInstance startInFollowUp(VariableMap referral, String coordinatorId) {
    ProcessInstance pathway = start(referral);
    complete(pathway, "recordConsent", consent(true, coordinatorId));
    complete(pathway, "globalDiagnostic", diagnostic());
    holdCommittee(pathway, decision("admit", coordinatorId));
    complete(pathway, "signAgreement", agreement());
    return pathway;
  }

  /**
   * The committee the case waits for: scheduled for tomorrow, the clock moved past that date, the
   * committee-day timer run, then {@code holdCommittee} completed with {@code decision}.
   */
  public void holdCommittee(ProcessInstance pathway, Map<String, Object> decision) {
    reachCommitteeDate(pathway);
    complete(pathway, "holdCommittee", decision);
  }

  /** Schedules the open committee for tomorrow, moves the clock past that date and runs the due timer. */
  public void reachCommitteeDate(ProcessInstance pathway) {
    Instant now = now();
    complete(pathway, "scheduleCommittee", schedule(now, 1));
    moveClockTo(now.plus(1, ChronoUnit.DAYS).plusSeconds(60));
    runDueJobs(pathway);
  }

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public static void moveClockTo(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  /**
   * Runs the jobs of the case (and its committees) that are due now, one at a time in due-date
   * order and querying again after each (a job may create or delete others), as the job executor
   * would. Returns how many ran.
   */
  public int runDueJobs(ProcessInstance pathway) {
    return driver.runDueJobs(businessKey(pathway));
  }

  /** Correlates a message to the case by business key, its payload as process variables (as POST /message does). */
  public void correlate(ProcessInstance pathway, String messageName, Map<String, Object> payload) {
    driver.correlate(businessKey(pathway), messageName, payload);
  }

  /** The open task with that key assigned to {@code assignee} (several may be open at once). */
  public Task task(ProcessInstance pathway, String taskKey, String assignee) {
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(businessKey(pathway))
        .taskDefinitionKey(taskKey)
        .taskAssignee(assignee)
        .singleResult();
  }

  public void complete(Task task, Map<String, Object> variables) {
    driver.complete(task, variables);
  }

  /** A process-level variable of the case, running or ended (from history). */
  public Object variable(ProcessInstance pathway, String name) {
    var variable = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(pathway.getId())
        .activityInstanceIdIn(pathway.getId())
        .variableName(name)
        .singleResult();
    return variable == null ? null : variable.getValue();
  }

  /** The end events the case reached, by id. */
  public List<String> endEvents(ProcessInstance pathway) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(pathway.getId())
        .activityType("noneEndEvent")
        .list().stream().map(a -> a.getActivityId()).toList();
  }

  public static Map<String, Object> synthesisRequest(String requestedBy, String reason) {
    Map<String, Object> payload = new HashMap<>();
    payload.put("requestedBy", requestedBy);
    payload.put("reason", reason);
    return payload;
  }

  public static Map<String, Object> dispute(String reason) {
    return Map.of("reason", reason);
  }

  public static Map<String, Object> coordinatorChange(String reason) {
    return Map.of("reason", reason);
  }

  public static Map<String, Object> withdrawal(String exitReason) {
    return Map.of("exitReason", exitReason, "reason", "Signalé par le référent");
  }

  /** The action plan after a reassessment or a synthesis: the first objective in progress, one more added. */
  public static org.camunda.spin.plugin.variable.value.JsonValue updatedActionPlan(String addedObjective) {
    return json("""
        [{"id":"o1","label":"Trouver un logement adapté","domain":"housing","ownerName":"CCAS","dueDate":"2027-03-01","status":"in-progress"},
         {"id":"o2","label":"%s","domain":"employment","ownerName":"France Travail","status":"planned"}]
        """.formatted(addedObjective));
  }

  public static VariableMap reassessment(String notes, String addedObjective) {
    return Variables.createVariables()
        .putValue("reassessmentNotes", notes)
        .putValueTyped("actionPlan", updatedActionPlan(addedObjective));
  }

  public static VariableMap synthesisMeeting(String notes) {
    return Variables.createVariables()
        .putValue("synthesisNotes", notes)
        .putValueTyped("synthesisAttendance", json("""
            [{"name":"Conseillère CAF","organisation":"CAF","present":true},
             {"name":"Conseiller France Travail","organisation":"France Travail","present":false}]
            """))
        .putValueTyped("actionPlan", updatedActionPlan("Réunion de synthèse : " + notes));
  }

  public static Map<String, Object> settlement(boolean resolved) {
    return Map.of("disputeResolved", resolved, "disputeNotes", resolved ? "Accord trouvé" : "Pas d'accord");
  }

  public static Map<String, Object> arbitration() {
    return Map.of("arbitrationNotes", "Le CTAS tranche : le plan est maintenu.");
  }

  public static Map<String, Object> reassignment(String newCoordinatorId) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("coordinatorId", newCoordinatorId);
    variables.put("reassignmentReason", "Départ du référent");
    return variables;
  }

  public static Map<String, Object> exit() {
    return Map.of("exitNotes", "Sortie enregistrée avec la personne.");
  }

  public static Map<String, Object> contribution(String text) {
    return Map.of("contribution", text);
  }

  /** What the référent records with the person: {@code outcomes} a JSON list of codes, proposal close or extend. */
  public static VariableMap sharedReview(String outcomes, String proposal, String extensionDuration) {
    VariableMap variables = Variables.createVariables()
        .putValueTyped("outcomes", json(outcomes))
        .putValue("personAssessment", "La personne se dit mieux accompagnée.")
        .putValue("proposal", proposal);
    if (extensionDuration != null) {
      variables.putValue("extensionDuration", extensionDuration);
    }
    return variables;
  }

  /**
   * Asserts that the action was refused by the input rules ({@link InvalidCaseInputException}, which
   * the engine may wrap, e.g. when a task listener refuses) with a message containing the fragment.
   */
  public static void assertRefused(ThrowingCallable action, String messageFragment) {
    Throwable thrown = Assertions.catchThrowable(action);
    Throwable refusal = thrown;
    while (refusal != null && !(refusal instanceof InvalidCaseInputException)) {
      refusal = refusal.getCause();
    }
    Assertions.assertThat(refusal).as("refused by the input rules, but got: %s", thrown)
        .isInstanceOf(InvalidCaseInputException.class);
    Assertions.assertThat(refusal.getMessage()).contains(messageFragment);
  }
}
