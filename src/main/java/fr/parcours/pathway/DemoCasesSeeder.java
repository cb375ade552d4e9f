package fr.parcours.pathway;

import static org.camunda.spin.Spin.JSON;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fr.parcours.models.ModelContract.Processes;
import fr.parcours.models.ModelContract.Tasks;

/**
 * Demo only: a few fictitious cases at different steps, driven through the real processes as
 * the demo users, so Tasklist shows a living system on first start. Created once (when no
 * pathway exists yet).
 */
@Component
@ConditionalOnProperty("parcours.demo.sample-cases")
public class DemoCasesSeeder {

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final ManagementService managementService;
  private final IdentityService identityService;

  public DemoCasesSeeder(RuntimeService runtimeService, TaskService taskService, HistoryService historyService,
      ManagementService managementService, IdentityService identityService) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.historyService = historyService;
    this.managementService = managementService;
    this.identityService = identityService;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(10)
  public void seed() {
    if (historyService.createHistoricProcessInstanceQuery().processDefinitionKey(Processes.PATHWAY).count() > 0) {
      return;
    }
    // Waiting for the person's consent.
    refer("DEMO-0001", "A. B. 1979", "artois");
    // Diagnostic to do.
    ProcessInstance diagnostic = refer("DEMO-0002", "C. D. 1990", "audomarois");
    consent(diagnostic, "ts.audomarois", "ts2.audomarois");
    // Committee to schedule.
    ProcessInstance committee = refer("DEMO-0003", "E. F. 1986", "strasbourg");
    consent(committee, "ts.strasbourg", "caf.strasbourg");
    diagnose(committee, "ts.strasbourg");
    // In follow-up with a designated référent.
    ProcessInstance followUp = refer("DEMO-0004", "G. H. 1972", "artois");
    consent(followUp, "ts.artois", "ts2.artois");
    diagnose(followUp, "ts.artois");
    complete(followUp, Tasks.SCHEDULE_COMMITTEE, "ctas.artois", Variables.createVariables()
        .putValue("committeeDate", ClockUtil.getCurrentTime().toInstant().toString())
        .putValueTyped("invitedMembers", json("[{\"name\":\"Conseillère CAF\",\"organisation\":\"CAF\"},"
            + "{\"name\":\"Conseiller France Travail\",\"organisation\":\"France Travail\"}]")));
    runDueJobs(followUp);
    complete(followUp, Tasks.HOLD_COMMITTEE, "ctas.artois", Variables.createVariables()
        .putValueTyped("attendance", json("[{\"name\":\"Conseillère CAF\",\"organisation\":\"CAF\",\"present\":true},"
            + "{\"name\":\"Conseiller France Travail\",\"organisation\":\"France Travail\",\"present\":false}]"))
        .putValue("personPresent", true)
        .putValue("committeeDecision", "admit")
        .putValue("coordinatorId", "ts2.artois")
        .putValue("decisionNotes", "Admission, référente choisie par la personne."));
    complete(followUp, Tasks.SIGN_AGREEMENT, "ts2.artois", Map.of("agreementSigned", true,
        "agreementDate", Instant.now().truncatedTo(ChronoUnit.DAYS).toString()));
  }

  private ProcessInstance refer(String personRef, String label, String territory) {
    VariableMap referral = Variables.createVariables()
        .putValue("personRef", personRef)
        .putValue("personLabel", label)
        .putValue("territory", territory)
        .putValue("referrerId", "ts." + territory)
        .putValueTyped("interveners", json(("[{\"name\":\"Conseillère CAF\",\"organisation\":\"CAF\","
            + "\"role\":\"Accès aux droits\",\"userId\":\"caf.%1$s\"},{\"name\":\"Conseiller France Travail\","
            + "\"organisation\":\"France Travail\",\"role\":\"Insertion\",\"userId\":\"ft.%1$s\"}]")
            .formatted(territory)))
        .putValueTyped("difficultyDomains", json("[\"housing\",\"employment\",\"education\"]"))
        .putValue("durableSupport", true)
        .putValue("urgent", false);
    return as("ts." + territory, () -> runtimeService.startProcessInstanceByKey(Processes.PATHWAY, referral));
  }

  private void consent(ProcessInstance pathway, String worker, String preferredCoordinator) {
    complete(pathway, Tasks.RECORD_CONSENT, worker, Map.of("consentGiven", true, "sharingConsent", true,
        "preferredCoordinatorId", preferredCoordinator));
  }

  private void diagnose(ProcessInstance pathway, String worker) {
    complete(pathway, Tasks.GLOBAL_DIAGNOSTIC, worker, Variables.createVariables()
        .putValue("diagnosisSummary", "Difficultés cumulées de logement, d'insertion et de scolarité des enfants.")
        .putValue("strengths", "Famille mobilisée, réseau familial présent.")
        .putValueTyped("actionPlan", json("[{\"id\":\"o1\",\"label\":\"Accéder à un logement adapté\","
            + "\"domain\":\"housing\",\"ownerName\":\"CCAS\",\"status\":\"planned\"},{\"id\":\"o2\","
            + "\"label\":\"Reprendre une formation\",\"domain\":\"employment\",\"ownerName\":\"France Travail\","
            + "\"status\":\"planned\"}]"))
        .putValue("plannedDuration", "P6M")
        .putValue("reviewCycle", "P2M"));
  }

  private void complete(ProcessInstance pathway, String taskKey, String userId, Map<String, Object> variables) {
    String taskId = taskService.createTaskQuery()
        .processInstanceBusinessKey(businessKey(pathway))
        .taskDefinitionKey(taskKey)
        .singleResult()
        .getId();
    as(userId, () -> {
      taskService.complete(taskId, variables);
      return null;
    });
  }

  /** Runs the committee-day timer now (the job executor may take it first: then it is simply done). */
  private void runDueJobs(ProcessInstance pathway) {
    String businessKey = businessKey(pathway);
    for (int attempt = 0; attempt < 60 && !hasTask(businessKey, Tasks.HOLD_COMMITTEE); attempt++) {
      for (Job job : managementService.createJobQuery().timers().executable().list()) {
        ProcessInstance owner = runtimeService.createProcessInstanceQuery()
            .processInstanceId(job.getProcessInstanceId()).singleResult();
        if (owner != null && businessKey.equals(owner.getBusinessKey())) {
          try {
            managementService.executeJob(job.getId());
          } catch (OptimisticLockingException takenByTheJobExecutor) {
            // the job executor ran it
          }
        }
      }
      sleepQuietly();
    }
  }

  private boolean hasTask(String businessKey, String taskKey) {
    return taskService.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).count() > 0;
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String businessKey(ProcessInstance pathway) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceId(pathway.getId()).singleResult()
        .getBusinessKey();
  }

  private <T> T as(String userId, java.util.function.Supplier<T> action) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(g -> g.getId()).toList();
    List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
        .stream().map(t -> t.getId()).toList();
    identityService.setAuthentication(userId, groups, tenants);
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static org.camunda.spin.plugin.variable.value.JsonValue json(String text) {
    return SpinValues.jsonValue(JSON(text)).create();
  }
}
