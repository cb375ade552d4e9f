package fr.parcours.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
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
 * Referral → eligibility decision → not eligible → the referrer redirects the case → end
 * {@code referralRedirected}. Also which decision table decides a case: the Pas-de-Calais tenant's
 * own table for its territories, the shared default table for Bas-Rhin, through the process.
 */
@ParcoursTest
class NotEligibleReferralTest {

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
  void referralWithOneIntervenerIsRedirectedByTheReferrer() {
    VariableMap referral = Cases.referral("strasbourg")
        .putValueTyped("interveners", Cases.json("""
            [{"name":"Conseillère CAF","organisation":"CAF","role":"Accès aux droits","userId":"caf.strasbourg"}]
            """));
    ProcessInstance pathway = cases.start(referral);

    assertThat(pathway).hasPassed("referralReceived", "assessEligibility").isWaitingAt("redirectReferral");
    assertThat(pathway).hasNotPassed("recordConsent");
    assertThat(task(pathway)).isAssignedTo("ts.strasbourg").hasDefinitionKey("redirectReferral");
    assertThat(task(pathway).getDueDate()).as("due date of redirectReferral").isNotNull();
    Map<String, Object> variables = engine.getRuntimeService().getVariables(pathway.getId());
    assertThat(variables.get("eligible")).isEqualTo(false);
    assertThat((String) variables.get("eligibilityReason"))
        .startsWith("Non éligible")
        .contains("moins de deux intervenants auprès de la personne");
    assertThat(variables.get("orientation")).isEqualTo("accompagnement-social-global");
    assertThat(matchedRule(pathway)).isEqualTo("ruleTooFewInterveners");

    // the redirection must say where the person is sent
    Cases.assertRefused(() -> cases.complete(pathway, "redirectReferral", Map.of()),
        "« Orientation retenue et suites données » est obligatoire");
    assertThat(pathway).isWaitingAt("redirectReferral");

    cases.complete(pathway, "redirectReferral",
        Map.of("redirectionNotes", "Orientée vers l'accompagnement social global du CCAS."));

    assertThat(pathway).isEnded().hasPassed("redirectReferral", "referralRedirected");
    assertThat(pathway).hasNotPassed("recordConsent", "consentRefused", "notAdmitted");
  }

  @Test
  void referralThatIsNotDurableIsRedirectedWithItsReason() {
    VariableMap referral = Cases.referral("saverne").putValue("durableSupport", false);
    ProcessInstance pathway = cases.start(referral);

    assertThat(pathway).isWaitingAt("redirectReferral");
    assertThat(task(pathway)).isAssignedTo("ts.saverne");
    assertThat((String) engine.getRuntimeService().getVariable(pathway.getId(), "eligibilityReason"))
        .contains("ne s'inscrivent pas dans la durée");
    assertThat(engine.getRuntimeService().getVariable(pathway.getId(), "orientation"))
        .isEqualTo("accompagnement-ponctuel");
  }

  @Test
  void urgentSituationIsEligibleWhateverTheOtherCriteria() {
    VariableMap referral = Cases.referral("strasbourg")
        .putValue("urgent", true)
        .putValue("durableSupport", false)
        .putValueTyped("interveners", Cases.json("[{\"name\":\"Médecin\",\"organisation\":\"Hôpital\"}]"))
        .putValueTyped("difficultyDomains", Cases.json("[\"health\"]"));
    ProcessInstance pathway = cases.start(referral);

    assertThat(pathway).isWaitingAt("recordConsent").hasNotPassed("redirectReferral");
    assertThat(matchedRule(pathway)).isEqualTo("ruleUrgent");
  }

  /**
   * Two interveners, durable support, housing and health: a complex situation for the shared table,
   * but not the Pas-de-Calais target public (families with an educational difficulty).
   */
  @Test
  void sameReferralIsRedirectedInPasDeCalaisButEligibleInBasRhin() {
    ProcessInstance artois = cases.start(housingAndHealth("artois"));
    ProcessInstance strasbourg = cases.start(housingAndHealth("strasbourg"));

    assertThat(artois.getTenantId()).isEqualTo("pas-de-calais");
    assertThat(decisionTableTenant(artois)).as("table deciding a Pas-de-Calais case").isEqualTo("pas-de-calais");
    assertThat(matchedRule(artois)).isEqualTo("ruleNoEducationalDifficulty");
    assertThat(artois).hasPassed("assessEligibility").isWaitingAt("redirectReferral");
    assertThat(task(artois)).isAssignedTo("ts.artois");
    assertThat(engine.getRuntimeService().getVariable(artois.getId(), "eligible")).isEqualTo(false);
    assertThat((String) engine.getRuntimeService().getVariable(artois.getId(), "eligibilityReason"))
        .contains("public cible du Pas-de-Calais");

    assertThat(strasbourg.getTenantId()).isEqualTo("bas-rhin");
    assertThat(decisionTableTenant(strasbourg)).as("table deciding a Bas-Rhin case (shared: no tenant)").isNull();
    assertThat(matchedRule(strasbourg)).isEqualTo("ruleEligible");
    assertThat(strasbourg).hasPassed("assessEligibility").isWaitingAt("recordConsent");
    assertThat(engine.getRuntimeService().getVariable(strasbourg.getId(), "eligible")).isEqualTo(true);
    assertThat((String) engine.getRuntimeService().getVariable(strasbourg.getId(), "eligibilityReason"))
        .contains("au moins deux domaines de difficulté");
  }

  @Test
  void pasDeCalaisTargetFamilyIsEligibleByThePasDeCalaisTable() {
    ProcessInstance pathway = cases.start(Cases.referral("audomarois"));

    assertThat(pathway).isWaitingAt("recordConsent");
    assertThat(decisionTableTenant(pathway)).isEqualTo("pas-de-calais");
    assertThat(matchedRule(pathway)).isEqualTo("ruleEligible");
    assertThat((String) engine.getRuntimeService().getVariable(pathway.getId(), "eligibilityReason"))
        .contains("famille avec enfant(s)");
  }

  static VariableMap housingAndHealth(String territory) {
    return Cases.referral(territory)
        .putValueTyped("difficultyDomains", Cases.json("[\"housing\",\"health\"]"))
        .putValue("durableSupport", true)
        .putValue("urgent", false);
  }

  HistoricDecisionInstance decision(ProcessInstance pathway) {
    return engine.getHistoryService().createHistoricDecisionInstanceQuery()
        .processInstanceId(pathway.getId())
        .decisionDefinitionKey("eligibility")
        .includeOutputs()
        .singleResult();
  }

  /** Tenant of the decision table the case was decided by (null: the shared default table). */
  String decisionTableTenant(ProcessInstance pathway) {
    return engine.getRepositoryService().getDecisionDefinition(decision(pathway).getDecisionDefinitionId()).getTenantId();
  }

  String matchedRule(ProcessInstance pathway) {
    return decision(pathway).getOutputs().stream()
        .map(HistoricDecisionOutputInstance::getRuleId)
        .distinct()
        .reduce((a, b) -> a + "," + b)
        .orElse(null);
  }
}
