package fr.parcours.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;

/**
 * Global diagnostic with a second worker → {@code supportDiagnostic} for that worker → admission
 * committee; without one, straight to the committee.
 */
@ParcoursTest
class SecondWorkerDiagnosticTest {

  static final Instant START = Instant.parse("2026-06-02T08:00:00Z");

  @Autowired ProcessEngine engine;
  Cases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
    ClockUtil.setCurrentTime(Date.from(START));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void secondWorkerCompletesTheDiagnosticBeforeTheCommittee() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    cases.complete(pathway, "recordConsent", Cases.consent(true, null));
    assertThat(pathway).isWaitingAt("globalDiagnostic");
    assertThat(pathway).task().hasCandidateGroup("ts-artois");
    assertThat(task(pathway).getDueDate()).hasSameTimeAs(Date.from(inParis(START).plusMonths(1).toInstant()));

    cases.complete(pathway, "globalDiagnostic", Cases.diagnostic().putValue("secondWorkerId", "ts2.artois"));

    assertThat(pathway).hasPassed("secondWorkerChecked").isWaitingAt("supportDiagnostic");
    assertThat(task(pathway)).hasDefinitionKey("supportDiagnostic").isAssignedTo("ts2.artois");
    assertThat(task(pathway).getDueDate()).hasSameTimeAs(Date.from(inParis(START).plusDays(14).toInstant()));

    Cases.assertRefused(() -> cases.complete(pathway, "supportDiagnostic", Map.of()),
        "« Votre apport au diagnostic » est obligatoire");
    assertThat(pathway).isWaitingAt("supportDiagnostic");

    cases.complete(pathway, "supportDiagnostic", Map.of("supportDiagnosisNotes", "Regard croisé sur la santé."));

    assertThat(pathway).hasPassed("supportDiagnostic", "diagnosticDone").isWaitingAt("admissionCommittee");
    assertThat(cases.committee(pathway)).isWaitingAt("scheduleCommittee");
    assertThat(engine.getRuntimeService().getVariable(cases.committee(pathway).getId(), "supportDiagnosisNotes"))
        .as("the committee sees the second worker's notes").isEqualTo("Regard croisé sur la santé.");
  }

  @Test
  void anIntervenerOfTheCaseMayBeTheSecondWorker() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    cases.complete(pathway, "recordConsent", Cases.consent(true, null));

    cases.complete(pathway, "globalDiagnostic", Cases.diagnostic().putValue("secondWorkerId", "caf.artois"));

    assertThat(pathway).isWaitingAt("supportDiagnostic");
    assertThat(engine.getTaskService().createTaskQuery().taskAssignee("caf.artois")
        .processInstanceId(pathway.getId()).count()).isEqualTo(1);
    assertThat(engine.getAuthorizationService().isUserAuthorized("caf.artois", java.util.List.of(),
        org.camunda.bpm.engine.authorization.Permissions.READ, org.camunda.bpm.engine.authorization.Resources.TASK,
        task(pathway).getId())).as("the intervener sees the task given to them").isTrue();
  }

  @Test
  void withoutSecondWorkerTheDiagnosticGoesStraightToTheCommittee() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    cases.complete(pathway, "recordConsent", Cases.consent(true, null));
    cases.complete(pathway, "globalDiagnostic", Cases.diagnostic());

    assertThat(pathway).hasPassed("secondWorkerChecked", "diagnosticDone").hasNotPassed("supportDiagnostic");
    assertThat(pathway).isWaitingAt("admissionCommittee");
    assertThat(cases.committee(pathway)).isWaitingAt("scheduleCommittee");
  }

  @Test
  void invalidDiagnosticIsRefusedAndChangesNothing() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    cases.complete(pathway, "recordConsent", Cases.consent(true, null));

    assertRefused(pathway, Cases.diagnostic().putValue("secondWorkerId", "nobody"),
        "« Second regard sur le diagnostic (identifiant) » : l'utilisateur « nobody » n'existe pas");
    // people who exist but whom the case does not entitle would never see the task given to them
    assertRefused(pathway, Cases.diagnostic().putValue("secondWorkerId", "ts.saverne"),
        "« Second regard sur le diagnostic (identifiant) » : « ts.saverne » n'est ni un travailleur social");
    assertRefused(pathway, Cases.diagnostic().putValue("secondWorkerId", "pilote.pas-de-calais"),
        "« pilote.pas-de-calais » n'est ni un travailleur social");
    VariableMap noSummary = Cases.diagnostic();
    noSummary.remove("diagnosisSummary");
    assertRefused(pathway, noSummary, "« Synthèse du diagnostic global » est obligatoire");
    VariableMap noDuration = Cases.diagnostic();
    noDuration.remove("plannedDuration");
    assertRefused(pathway, noDuration, "« Durée prévisionnelle » est obligatoire");
    assertRefused(pathway, Cases.diagnostic().putValue("plannedDuration", "six mois"),
        "« Durée prévisionnelle » doit être l'une des valeurs");
    assertRefused(pathway, Cases.diagnostic().putValue("reviewCycle", "P1Y"), "« Réévaluation » doit être l'une des valeurs [P1M, P2M, P3M] (reçu : « P1Y »)");
    assertRefused(pathway, Cases.diagnostic().putValue("actionPlan", "[{"), "« Plan d'action (objectifs) » doit être une liste JSON");
    assertRefused(pathway, Cases.diagnostic().putValueTyped("actionPlan", Cases.json("[]")), "« Plan d'action (objectifs) » ne doit pas être vide");
    assertRefused(pathway, Cases.diagnostic().putValueTyped("actionPlan", Cases.json("[{\"label\":\"Logement\"}]")),
        "« Plan d'action (objectifs) », ligne 1 : « Porté par » est obligatoire");

    assertThat(pathway).isWaitingAt("globalDiagnostic").hasNotPassed("secondWorkerChecked");
    assertThat(engine.getRuntimeService().getVariables(pathway.getId()))
        .doesNotContainKeys("diagnosisSummary", "actionPlan", "plannedDuration", "reviewCycle", "secondWorkerId");
  }

  void assertRefused(ProcessInstance pathway, VariableMap variables, String message) {
    Cases.assertRefused(() -> cases.complete(pathway, "globalDiagnostic", variables), message);
  }

  static ZonedDateTime inParis(Instant instant) {
    return instant.atZone(ZoneId.of("Europe/Paris"));
  }
}
