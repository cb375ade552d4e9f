package fr.parcours.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * Every user task of both processes, reached in real cases, shows its Camunda Form: Tasklist's call
 * {@code GET /engine-rest/task/{id}/deployed-form}, made as a user who may work on the task, answers
 * the form whose id is the task definition key. The start event shows the {@code referral} form.
 */
@ParcoursTest
class FormsResolveTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Cases cases;
  final Set<String> checked = new TreeSet<>();

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void startEventShowsTheReferralForm() {
    EngineRest.Response form = EngineRest.as(port, "ts.artois")
        .get("/engine-rest/process-definition/key/pathway/deployed-start-form");

    assertThat(form.status()).as(form.body()).isEqualTo(200);
    assertThat(form.json().path("id").asText()).as(form.body()).isEqualTo("referral");
  }

  @Test
  void everyUserTaskReachedInACaseShowsItsForm() {
    // not eligible in Pas-de-Calais (no educational difficulty)
    ProcessInstance redirected = cases.start(Cases.referral("artois")
        .putValueTyped("difficultyDomains", Cases.json("[\"housing\",\"health\"]")));
    checkForm(redirected, "redirectReferral");

    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    checkForm(pathway, "recordConsent");
    cases.complete(pathway, "recordConsent", Cases.consent(true, "ts2.artois"));
    checkForm(pathway, "globalDiagnostic");
    cases.complete(pathway, "globalDiagnostic", Cases.diagnostic().putValue("secondWorkerId", "ts.artois"));
    checkForm(pathway, "supportDiagnostic");
    cases.complete(pathway, "supportDiagnostic", Map.of("supportDiagnosisNotes", "Regard croisé."));
    checkForm(pathway, "scheduleCommittee");
    cases.scheduleAndReachCommitteeDay(pathway, 2);
    checkForm(pathway, "holdCommittee");
    cases.complete(pathway, "holdCommittee", Cases.decision("admit", "ts2.artois"));
    checkForm(pathway, "signAgreement");
    cases.complete(pathway, "signAgreement", Cases.agreement());
    checkForm(pathway, "coordinatePathway");

    // periodic reassessment: reviewCycle is P2M
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ClockUtil.setCurrentTime(Date.from(now.plus(62, ChronoUnit.DAYS)));
    cases.executeDueJobs(pathway);
    checkForm(pathway, "reassessSituation");

    correlate(pathway, "synthesisRequested", Map.of("requestedBy", "person", "reason", "Point d'étape."));
    checkForm(pathway, "holdSynthesisMeeting");
    correlate(pathway, "disputeRaised", Map.of("reason", "Désaccord sur le plan d'action."));
    checkForm(pathway, "settleDispute");
    cases.complete(pathway, "settleDispute", Map.of("disputeResolved", false, "disputeNotes", "Pas d'accord."));
    checkForm(pathway, "arbitrateDispute");
    correlate(pathway, "coordinatorChangeRequested", Map.of("reason", "Départ du référent."));
    checkForm(pathway, "reassignCoordinator");

    // end of the follow-up: the shared review
    cases.complete(pathway, "reassessSituation", Variables.createVariables()
        .putValue("reassessmentNotes", "Situation stable.")
        .putValueTyped("actionPlan", Cases.json("[{\"label\":\"Logement\",\"ownerName\":\"CCAS\",\"status\":\"planned\"}]")));
    cases.complete(pathway, "coordinatePathway", Map.of("coordinationNotes", "Bilan anticipé."));
    List<Task> contributions = cases.tasks(pathway, "contributeToReview");
    assertThat(contributions).extracting(Task::getAssignee).containsExactlyInAnyOrder("caf.artois", "ft.artois");
    for (Task contribution : contributions) {
      checkForm(contribution);
      engine.getTaskService().complete(contribution.getId(), Map.of("contribution", "Contribution."));
    }
    checkForm(pathway, "prepareSharedReview");

    correlate(pathway, "pathwayWithdrawn", Map.of("exitReason", "move", "reason", "Déménagement."));
    checkForm(pathway, "recordExit");

    assertThat(checked).as("user tasks whose form was checked").containsAll(userTaskKeys());
  }

  void checkForm(ProcessInstance pathway, String taskKey) {
    Task task = cases.task(pathway, taskKey);
    assertThat(task).as("open task " + taskKey).isNotNull();
    checkForm(task);
  }

  void checkForm(Task task) {
    String user = userWhoMaySee(task);
    EngineRest.Response form = EngineRest.as(port, user).get("/engine-rest/task/" + task.getId() + "/deployed-form");

    assertThat(form.status()).as("form of " + task.getTaskDefinitionKey() + " as " + user + ": " + form.body())
        .isEqualTo(200);
    assertThat(form.json().path("id").asText()).as("form of " + task.getTaskDefinitionKey() + ": " + form.body())
        .isEqualTo(task.getTaskDefinitionKey());
    checked.add(task.getTaskDefinitionKey());
  }

  /** The assignee, else the demo user of the first candidate group ("ctas-artois" → "ctas.artois"). */
  String userWhoMaySee(Task task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(link -> link.getGroupId().replaceFirst("-", "."))
        .findFirst()
        .orElseThrow(() -> new AssertionError("nobody may work on " + task.getTaskDefinitionKey()));
  }

  /** The message with its payload as process variables (as POST /engine-rest/message with processVariables). */
  void correlate(ProcessInstance pathway, String message, Map<String, Object> payload) {
    engine.getRuntimeService().createMessageCorrelation(message)
        .processInstanceId(pathway.getId())
        .setVariables(payload)
        .correlateWithResult();
  }

  Set<String> userTaskKeys() {
    return List.of("pathway", "technical-committee").stream()
        .map(key -> engine.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey(key).withoutTenantId().latestVersion().singleResult())
        .map(ProcessDefinition::getId)
        .flatMap(id -> engine.getRepositoryService().getBpmnModelInstance(id).getModelElementsByType(UserTask.class).stream())
        .map(UserTask::getId)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
