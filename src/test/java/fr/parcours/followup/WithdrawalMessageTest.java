package fr.parcours.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;
import fr.parcours.validation.InvalidCaseInputException;

/**
 * Message {@code pathwayWithdrawn} (the person leaves the démarche) at any time until the case
 * ends: whatever is open is interrupted, {@code recordExit} → end {@code pathwayInterrupted}.
 */
@ParcoursTest
class WithdrawalMessageTest {

  @Autowired ProcessEngine engine;
  Cases cases;

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
  void duringTheFollowUpEverythingOpenIsInterrupted() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.correlate(pathway, "synthesisRequested", Cases.synthesisRequest("person", "Point"));
    cases.correlate(pathway, "disputeRaised", Cases.dispute("Différend"));
    assertThat(pathway).isWaitingAt("coordinatePathway", "holdSynthesisMeeting", "settleDispute");

    cases.correlate(pathway, "pathwayWithdrawn", Cases.withdrawal("move"));

    assertThat(pathway).isWaitingAt("recordExit").hasPassed("withdrawalReceived");
    assertThat(cases.tasks(pathway, "coordinatePathway")).isEmpty();
    assertThat(cases.tasks(pathway, "holdSynthesisMeeting")).isEmpty();
    assertThat(cases.tasks(pathway, "settleDispute")).isEmpty();
    Task exit = cases.task(pathway, "recordExit");
    assertThat(exit).isAssignedTo("ts2.artois").hasCandidateGroupAssociated("ts-artois");
    assertThat(cases.variable(pathway, "exitReason")).isEqualTo("move");
    // No timer of the follow-up is left.
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pathway.getId()).count()).isZero();

    assertThatThrownBy(() -> cases.complete(exit, Map.of()))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class).hasMessageContaining("« Conditions de la sortie » est obligatoire");
    cases.complete(exit, Cases.exit());

    assertThat(pathway).isEnded();
    assertThat(cases.endEvents(pathway)).contains("pathwayInterrupted").doesNotContain("pathwayCompleted");
    assertThat(cases.variable(pathway, "exitNotes")).isEqualTo("Sortie enregistrée avec la personne.");
  }

  @Test
  void duringTheSharedReviewTheContributionsAreInterrupted() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.complete(pathway, "coordinatePathway", Map.of());
    cases.complete(cases.task(pathway, "contributeToReview", "caf.artois"), Cases.contribution("Droits ouverts"));
    assertThat(pathway).isWaitingAt("contributeToReview");

    cases.correlate(pathway, "pathwayWithdrawn", Cases.withdrawal("withdrawal"));

    assertThat(pathway).isWaitingAt("recordExit");
    assertThat(cases.tasks(pathway, "contributeToReview")).isEmpty();
    assertThat(cases.tasks(pathway, "prepareSharedReview")).isEmpty();
    cases.complete(cases.task(pathway, "recordExit"), Cases.exit());
    assertThat(pathway).isEnded();
    assertThat(cases.endEvents(pathway)).contains("pathwayInterrupted").doesNotContain("pathwayCompleted");
    assertThat(cases.variable(pathway, "exitReason")).isEqualTo("withdrawal");
  }

  @Test
  void duringTheReviewCommitteeTheCommitteeIsCancelled() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.complete(pathway, "coordinatePathway", Map.of());
    cases.tasks(pathway, "contributeToReview").forEach(task -> cases.complete(task, Cases.contribution("RAS")));
    cases.complete(pathway, "prepareSharedReview", Cases.sharedReview("[\"none\"]", "close", null));
    assertThat(pathway).isWaitingAt("reviewCommittee");

    cases.correlate(pathway, "pathwayWithdrawn", Cases.withdrawal("other"));

    assertThat(pathway).isWaitingAt("recordExit");
    assertThat(runningCommittees(pathway)).isZero();
    assertThat(cases.tasks(pathway, "scheduleCommittee")).isEmpty();
  }

  @Test
  void duringTheAdmissionCommitteeTheCaseEndsBeforeAnyReferent() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    cases.complete(pathway, "recordConsent", Cases.consent(true, "ts2.artois"));
    cases.complete(pathway, "globalDiagnostic", Cases.diagnostic());
    cases.reachCommitteeDate(pathway);
    assertThat(pathway).isWaitingAt("admissionCommittee");
    assertThat(cases.task(pathway, "holdCommittee")).isNotNull();

    cases.correlate(pathway, "pathwayWithdrawn", Cases.withdrawal("death"));

    assertThat(pathway).isWaitingAt("recordExit");
    assertThat(runningCommittees(pathway)).isZero();
    assertThat(cases.tasks(pathway, "holdCommittee")).isEmpty();
    Task exit = cases.task(pathway, "recordExit");
    assertThat(exit.getAssignee()).isNull();
    assertThat(exit).hasCandidateGroup("ts-artois");
    cases.complete(exit, Cases.exit());
    assertThat(pathway).isEnded();
    assertThat(cases.endEvents(pathway)).contains("pathwayInterrupted").doesNotContain("pathwayCompleted");
  }

  @Test
  void anExitReasonOutsideTheListIsRefusedAndChangesNothing() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");

    assertThatThrownBy(() -> cases.correlate(pathway, "pathwayWithdrawn", Map.of("exitReason", "bored")))
        .isInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("exitReason doit être l'une des valeurs")
        .hasMessageContaining("bored");
    assertThatThrownBy(() -> cases.correlate(pathway, "pathwayWithdrawn", Map.of("reason", "Sans motif codé")))
        .isInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("exitReason est obligatoire");

    assertThat(pathway).isWaitingAt("coordinatePathway").hasNotPassed("withdrawalReceived");
    assertThat(cases.tasks(pathway, "recordExit")).isEmpty();
    assertThat(engine.getRuntimeService().getVariables(pathway.getId())).doesNotContainKeys("exitReason", "reason");
  }

  @ParameterizedTest(name = "withdrawal while the case waits at {0}")
  @ValueSource(strings = {"recordConsent", "globalDiagnostic", "scheduleCommittee", "holdCommittee", "signAgreement",
      "coordinatePathway", "contributeToReview", "prepareSharedReview", "reviewCommittee"})
  void atEveryStepUntilTheCaseEndsOnlyTheExitRemains(String step) {
    ProcessInstance pathway = caseWaitingAt(step);

    cases.correlate(pathway, "pathwayWithdrawn", Cases.withdrawal("withdrawal"));

    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(cases.businessKey(pathway)).list())
        .extracting(Task::getTaskDefinitionKey).containsExactly("recordExit");
    assertThat(runningCommittees(pathway)).isZero();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pathway.getId()).count()).isZero();
    cases.complete(cases.task(pathway, "recordExit"), Cases.exit());
    assertThat(pathway).isEnded();
    assertThat(cases.endEvents(pathway)).contains("pathwayInterrupted").doesNotContain("pathwayCompleted", "notAdmitted");
  }

  /** A fresh case driven to the step where it waits (a task key, or {@code reviewCommittee} for the review's committee). */
  ProcessInstance caseWaitingAt(String step) {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    List<String> steps = List.of("recordConsent", "globalDiagnostic", "scheduleCommittee", "holdCommittee", "signAgreement",
        "coordinatePathway", "contributeToReview", "prepareSharedReview", "reviewCommittee");
    for (String done : steps.subList(0, steps.indexOf(step))) {
      switch (done) {
        case "recordConsent" -> cases.complete(pathway, done, Cases.consent(true, "ts2.artois"));
        case "globalDiagnostic" -> cases.complete(pathway, done, Cases.diagnostic());
        case "scheduleCommittee" -> cases.reachCommitteeDate(pathway);
        case "holdCommittee" -> cases.complete(pathway, done, Cases.decision("admit", "ts2.artois"));
        case "signAgreement" -> cases.complete(pathway, done, Cases.agreement());
        case "coordinatePathway" -> cases.complete(pathway, done, Map.of());
        case "contributeToReview" -> cases.tasks(pathway, done).forEach(task -> cases.complete(task, Cases.contribution("RAS")));
        case "prepareSharedReview" -> cases.complete(pathway, done, Cases.sharedReview("[\"none\"]", "close", null));
        default -> throw new IllegalArgumentException(done);
      }
    }
    if ("reviewCommittee".equals(step)) {
      assertThat(pathway).isWaitingAt("reviewCommittee");
    } else {
      assertThat(cases.tasks(pathway, step)).isNotEmpty();
    }
    return pathway;
  }

  long runningCommittees(ProcessInstance pathway) {
    return engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(cases.businessKey(pathway)).processDefinitionKey("technical-committee").count();
  }
}
