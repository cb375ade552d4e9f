package fr.parcours.support;

import static org.camunda.spin.Spin.JSON;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Builds cases and drives them step by step through the engine's API, with the variables each
 * form would submit. Each case gets a fresh personRef so tests never collide.
 */
public final class Cases {

  private final ProcessEngine engine;

  public Cases(ProcessEngine engine) {
    this.engine = engine;
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
    return engine.getRuntimeService().startProcessInstanceByKey("pathway", variables);
  }

  /** The single open task with that key in the case or in the committee it called. */
  public Task task(ProcessInstance pathway, String taskKey) {
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(businessKey(pathway))
        .taskDefinitionKey(taskKey)
        .singleResult();
  }

  public List<Task> tasks(ProcessInstance pathway, String taskKey) {
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(businessKey(pathway))
        .taskDefinitionKey(taskKey)
        .list();
  }

  public String businessKey(ProcessInstance pathway) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(pathway.getId()).singleResult().getBusinessKey();
  }

  public void complete(ProcessInstance pathway, String taskKey, Map<String, Object> variables) {
    engine.getTaskService().complete(task(pathway, taskKey).getId(), variables);
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
      engine.getManagementService().executeJob(job.getId());
    }
  }

  public List<Job> dueJobs(ProcessInstance pathway) {
    List<String> instances = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey(pathway)).list().stream().map(i -> i.getId()).toList();
    return instances.stream()
        .flatMap(id -> engine.getManagementService().createJobQuery().processInstanceId(id).executable().list().stream())
        .toList();
  }
}
