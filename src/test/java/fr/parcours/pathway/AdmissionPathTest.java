package fr.parcours.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

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

/** Referral → consent → diagnostic → committee admits → agreement → follow-up. */
@ParcoursTest
class AdmissionPathTest {

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
  void admittedCaseReachesTheAgreementOfTheChosenReferent() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));

    assertThat(pathway).isWaitingAt("recordConsent").hasPassed("assessEligibility");
    assertThat(cases.businessKey(pathway)).matches("RP-\\d{4}-\\d{6}");
    assertThat(engine.getRuntimeService().getVariable(pathway.getId(), "eligible")).isEqualTo(true);
    assertThat(pathway).task().hasCandidateGroup("ts-artois");

    cases.complete(pathway, "recordConsent", Cases.consent(true, "ts2.artois"));
    assertThat(pathway).isWaitingAt("globalDiagnostic");
    cases.complete(pathway, "globalDiagnostic", Cases.diagnostic());

    assertThat(pathway).isWaitingAt("admissionCommittee");
    Instant now = ClockUtil.getCurrentTime().toInstant();
    cases.complete(pathway, "scheduleCommittee", Cases.schedule(now, 3));
    assertThat(cases.task(pathway, "holdCommittee")).isNull();

    ClockUtil.setCurrentTime(Date.from(now.plus(3, ChronoUnit.DAYS).plusSeconds(60)));
    cases.executeDueJobs(pathway);
    assertThat(cases.task(pathway, "holdCommittee")).isNotNull();
    assertThat(engine.getTaskService().getVariable(cases.task(pathway, "holdCommittee").getId(), "coordinatorId"))
        .isEqualTo("ts2.artois");

    cases.complete(pathway, "holdCommittee", Cases.decision("admit", "ts2.artois"));
    assertThat(pathway).isWaitingAt("signAgreement");
    assertThat(task(pathway)).isAssignedTo("ts2.artois");

    cases.complete(pathway, "signAgreement", Cases.agreement());
    assertThat(pathway).isWaitingAt("coordinatePathway");
    assertThat(task(pathway)).isAssignedTo("ts2.artois");
    assertThat(engine.getRuntimeService().getVariable(pathway.getId(), "planEndDate")).isInstanceOf(Date.class);
  }
}
