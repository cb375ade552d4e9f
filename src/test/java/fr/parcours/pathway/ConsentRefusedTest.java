package fr.parcours.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

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

/** Eligible referral → the person does not consent → end {@code consentRefused}. */
@ParcoursTest
class ConsentRefusedTest {

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
  void refusedConsentEndsThePathway() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    assertThat(pathway).isWaitingAt("recordConsent");
    assertThat(pathway).task().hasCandidateGroup("ts-artois");

    cases.complete(pathway, "recordConsent", Cases.consent(false, null));

    assertThat(pathway).isEnded().hasPassed("recordConsent", "consentChecked", "consentRefused");
    assertThat(pathway).hasNotPassed("globalDiagnostic", "admissionCommittee", "referralRedirected");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(pathway.getId()).variableName("consentGiven").singleResult().getValue())
        .isEqualTo(false);
    // no reminder is left behind for the closed case
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pathway.getId()).count()).isZero();
  }

  @Test
  void consentWithoutItsAnswersIsRefusedAndChangesNothing() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));

    assertRefused(pathway, Map.of(), "« La personne adhère à la démarche » est obligatoire");
    assertRefused(pathway, Map.of("consentGiven", "peut-être"), "« La personne adhère à la démarche » doit valoir oui ou non");
    assertRefused(pathway, Map.of("consentGiven", true), "« La personne accepte le partage d'informations entre intervenants » doit être cochée");
    assertRefused(pathway, Cases.consent(true, "nobody"), "« Référent choisi par la personne (identifiant) » : l'utilisateur « nobody » n'existe pas");

    cases.complete(pathway, "recordConsent", Cases.consent(true, "ts2.artois"));
    assertThat(pathway).isWaitingAt("globalDiagnostic").hasNotPassed("consentRefused");
    assertThat(engine.getRuntimeService().getVariable(pathway.getId(), "preferredCoordinatorId")).isEqualTo("ts2.artois");
  }

  /** Consent to the pathway without consent to share information: the démarche cannot work, refused. */
  @Test
  void consentWithoutSharingConsentIsRefused() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));

    assertRefused(pathway, Map.of("consentGiven", true, "sharingConsent", false),
        "« La personne accepte le partage d'informations entre intervenants » doit être cochée");
  }

  void assertRefused(ProcessInstance pathway, Map<String, Object> variables, String message) {
    String taskId = cases.task(pathway, "recordConsent").getId();
    Cases.assertRefused(() -> cases.complete(pathway, "recordConsent", variables), message);
    assertThat(pathway).isWaitingAt("recordConsent").hasNotPassed("consentChecked");
    assertThat(cases.task(pathway, "recordConsent").getId()).isEqualTo(taskId);
    assertThat(engine.getRuntimeService().getVariables(pathway.getId()))
        .doesNotContainKeys("consentGiven", "sharingConsent", "preferredCoordinatorId");
  }
}
