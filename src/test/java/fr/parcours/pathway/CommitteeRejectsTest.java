package fr.parcours.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;

/** Referral → consent → diagnostic → admission committee rejects → end {@code notAdmitted}. */
@ParcoursTest
class CommitteeRejectsTest {

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
  void rejectedCaseEndsNotAdmitted() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), null);
    assertThat(pathway).isWaitingAt("admissionCommittee");
    ProcessInstance committee = cases.committee(pathway);
    assertThat(committee).isWaitingAt("scheduleCommittee");
    assertThat(committee.getTenantId()).isEqualTo("pas-de-calais");
    assertThat(engine.getRuntimeService().getVariable(committee.getId(), "purpose")).isEqualTo("admission");
    assertThat(committee).task().hasCandidateGroup("ctas-artois");

    // the committee opens on its date, not before
    Instant now = ClockUtil.getCurrentTime().toInstant();
    cases.complete(pathway, "scheduleCommittee", Cases.schedule(now, 5));
    assertThat(committee).isWaitingAt("committeeDay");
    ClockUtil.setCurrentTime(Date.from(now.plus(4, ChronoUnit.DAYS)));
    cases.executeDueJobs(pathway);
    assertThat(committee).isWaitingAt("committeeDay");
    ClockUtil.setCurrentTime(Date.from(now.plus(5, ChronoUnit.DAYS).plusSeconds(60)));
    cases.executeDueJobs(pathway);
    assertThat(committee).isWaitingAt("holdCommittee");
    assertThat(committee).task().hasCandidateGroup("ctas-artois");

    cases.complete(pathway, "holdCommittee", Cases.decision("reject", null));

    assertThat(committee).isEnded().hasPassed("holdCommittee", "committeeDecided").hasNotPassed("schedulingReminded");
    assertThat(pathway).isEnded().hasPassed("admissionCommittee", "admissionDecided", "notAdmitted");
    assertThat(pathway).hasNotPassed("signAgreement", "followUp");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(pathway.getId()).variableName("committeeDecision").singleResult().getValue())
        .isEqualTo("reject");
  }

  @Test
  void committeeCannotBeScheduledInThePastNorWithoutInvitedMembers() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), null);
    ProcessInstance committee = cases.committee(pathway);
    Instant now = ClockUtil.getCurrentTime().toInstant();

    Cases.assertRefused(() -> cases.complete(pathway, "scheduleCommittee", Cases.schedule(now, -3)),
        "« Date de l'instance » est dans le passé");
    VariableMap withoutMembers = Cases.schedule(now, 3);
    withoutMembers.remove("invitedMembers");
    Cases.assertRefused(() -> cases.complete(pathway, "scheduleCommittee", withoutMembers),
        "« Membres invités » est obligatoire");
    VariableMap notADate = Cases.schedule(now, 3).putValue("committeeDate", "mardi prochain");
    Cases.assertRefused(() -> cases.complete(pathway, "scheduleCommittee", notADate),
        "« Date de l'instance » doit être une date et heure ISO-8601");

    assertThat(committee).isWaitingAt("scheduleCommittee").hasNotPassed("committeeDay");
    assertThat(engine.getRuntimeService().getVariables(committee.getId()))
        .doesNotContainKeys("committeeDate", "invitedMembers");

    cases.complete(pathway, "scheduleCommittee", Cases.schedule(now, 3));
    assertThat(committee).isWaitingAt("committeeDay");
    assertThat(engine.getRuntimeService().getVariable(committee.getId(), "committeeDate")).isInstanceOf(Date.class);
  }

  @Test
  void admissionCommitteeDecisionMustBeAnAdmissionDecision() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), null);
    cases.scheduleAndReachCommitteeDay(pathway, 2);
    ProcessInstance committee = cases.committee(pathway);
    Task hold = cases.task(pathway, "holdCommittee");

    // extend and close belong to the review committee
    assertRefused(pathway, Cases.decision("extend", "ts.artois").putValue("plannedDuration", "P3M"),
        "« Décision de l'instance » doit être l'une des valeurs");
    assertRefused(pathway, Cases.decision("maybe", null), "(reçu : « maybe »)");
    // no référent was preferred, so nobody is proposed: admitting requires one
    assertRefused(pathway, Cases.decision("admit", null), "« Référent de parcours désigné (identifiant) » est obligatoire");
    assertRefused(pathway, Cases.decision("admit", "nobody"), "l'utilisateur « nobody » n'existe pas");
    VariableMap noAttendance = Cases.decision("reject", null);
    noAttendance.remove("attendance");
    assertRefused(pathway, noAttendance, "« Membres de l'instance » est obligatoire");
    VariableMap personPresentMissing = Cases.decision("reject", null);
    personPresentMissing.remove("personPresent");
    assertRefused(pathway, personPresentMissing, "« La personne (ou la famille) est présente » est obligatoire");

    assertThat(committee).isWaitingAt("holdCommittee");
    assertThat(cases.task(pathway, "holdCommittee").getId()).isEqualTo(hold.getId());
    assertThat(engine.getRuntimeService().getVariables(committee.getId()))
        .doesNotContainKeys("committeeDecision", "coordinatorId", "attendance");
    assertThat(pathway).isWaitingAt("admissionCommittee");
  }

  void assertRefused(ProcessInstance pathway, VariableMap variables, String message) {
    Cases.assertRefused(() -> cases.complete(pathway, "holdCommittee", variables), message);
  }
}
