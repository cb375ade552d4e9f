package fr.parcours.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;

/**
 * Admission committee adjourns → scheduled again → admits → the agreement goes to the chosen
 * référent → follow-up. The person's choice of référent is honoured unless the committee says why not.
 */
@ParcoursTest
class CommitteeAdjournsThenAdmitsTest {

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
  void adjournedCommitteeIsScheduledAgainThenAdmits() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts2.artois");
    ProcessInstance committee = cases.committee(pathway);
    cases.scheduleAndReachCommitteeDay(pathway, 3);
    assertThat(committee).isWaitingAt("holdCommittee");

    // adjourning needs no référent, and sends the committee back to scheduling
    cases.complete(pathway, "holdCommittee", Cases.decision("adjourn", null));

    assertThat(committee).isWaitingAt("scheduleCommittee").hasPassed("committeeOutcome", "schedulingEntered");
    assertThat(committee).hasNotPassed("committeeDecided");
    assertThat(pathway).isWaitingAt("admissionCommittee").hasNotPassed("admissionDecided");
    assertThat(cases.committee(pathway).getId()).as("same committee instance").isEqualTo(committee.getId());
    assertThat(committee).task().hasCandidateGroup("ctas-artois");

    cases.scheduleAndReachCommitteeDay(pathway, 7);
    assertThat(committee).isWaitingAt("holdCommittee");
    assertThat(activityCount(committee.getId(), "holdCommittee")).isEqualTo(2);
    assertThat(activityCount(committee.getId(), "scheduleCommittee")).isEqualTo(2);

    cases.complete(pathway, "holdCommittee", Cases.decision("admit", "ts2.artois"));

    assertThat(committee).isEnded().hasPassed("committeeDecided");
    assertThat(pathway).hasPassed("admissionDecided").isWaitingAt("signAgreement");
    assertThat(task(pathway)).hasDefinitionKey("signAgreement").isAssignedTo("ts2.artois");
    assertThat(engine.getRuntimeService().getVariables(pathway.getId()))
        .containsEntry("committeeDecision", "admit")
        .containsEntry("coordinatorId", "ts2.artois");
  }

  @Test
  void preferredReferentIsProposedAndKeptByDefault() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts2.artois");
    cases.scheduleAndReachCommitteeDay(pathway, 3);

    String holdId = cases.task(pathway, "holdCommittee").getId();
    assertThat(engine.getTaskService().getVariable(holdId, "coordinatorId")).isEqualTo("ts2.artois");

    // the form submits the decision without touching the proposed référent
    cases.complete(pathway, "holdCommittee", Cases.decision("admit", null));

    assertThat(pathway).isWaitingAt("signAgreement");
    assertThat(task(pathway)).isAssignedTo("ts2.artois");
  }

  @Test
  void anotherReferentThanThePersonsChoiceNeedsAReason() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts2.artois");
    ProcessInstance committee = cases.committee(pathway);
    cases.scheduleAndReachCommitteeDay(pathway, 3);

    Cases.assertRefused(() -> cases.complete(pathway, "holdCommittee", Cases.decision("admit", "ts.artois")),
        "« Motif de non-respect du choix de la personne » est obligatoire");
    assertThat(committee).isWaitingAt("holdCommittee");
    assertThat(engine.getRuntimeService().getVariable(committee.getId(), "coordinatorId"))
        .as("the proposal is unchanged").isEqualTo("ts2.artois");

    cases.complete(pathway, "holdCommittee", Cases.decision("admit", "ts.artois")
        .putValue("coordinatorChoiceReason", "ts2.artois quitte le territoire le mois prochain."));

    assertThat(pathway).isWaitingAt("signAgreement");
    assertThat(task(pathway)).isAssignedTo("ts.artois");
    assertThat(engine.getRuntimeService().getVariables(pathway.getId()))
        .containsEntry("coordinatorId", "ts.artois")
        .containsEntry("coordinatorChoiceReason", "ts2.artois quitte le territoire le mois prochain.");
  }

  @Test
  void agreementMustBeSignedToEnterFollowUp() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts2.artois");
    cases.scheduleAndReachCommitteeDay(pathway, 3);
    cases.complete(pathway, "holdCommittee", Cases.decision("admit", "ts2.artois"));
    assertThat(pathway).isWaitingAt("signAgreement");
    assertThat(task(pathway).getDueDate()).as("due date of signAgreement").isAfter(ClockUtil.getCurrentTime());

    Cases.assertRefused(() -> cases.complete(pathway, "signAgreement",
        Map.of("agreementSigned", false, "agreementDate", "2026-12-01")),
        "« L'engagement est signé par la personne et le référent » doit être cochée");
    Cases.assertRefused(() -> cases.complete(pathway, "signAgreement", Map.of("agreementSigned", true)),
        "« Date de signature » est obligatoire");
    assertThat(pathway).isWaitingAt("signAgreement").hasNotPassed("followUpEntered");
    assertThat(engine.getRuntimeService().getVariables(pathway.getId()))
        .doesNotContainKeys("agreementSigned", "agreementDate");

    cases.complete(pathway, "signAgreement", Cases.agreement());

    assertThat(pathway).hasPassed("signAgreement", "followUpEntered").isWaitingAt("coordinatePathway");
    assertThat(task(pathway)).isAssignedTo("ts2.artois");
    assertThat(engine.getRuntimeService().getVariable(pathway.getId(), "agreementDate")).isInstanceOf(Date.class);
  }

  long activityCount(String processInstanceId, String activityId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId)
        .activityId(activityId)
        .count();
  }
}
