package fr.parcours.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * Bad input sent over the REST API, bypassing the forms: a case start or a task completion with a
 * missing required variable, an unknown territory or user, a malformed JSON list or a decision outside
 * the allowed values gets a 400 with the rules' French message, and nothing changes in the engine.
 * Each refusal is followed by the corrected request, accepted, to show the refusal came from the
 * rules and not from the request's form or the caller's rights.
 */
@ParcoursTest
class InvalidInputOverRestTest {

  static final String START = "/engine-rest/process-definition/key/pathway/start";
  static final String SUBMIT_START_FORM = "/engine-rest/process-definition/key/pathway/submit-form";

  @LocalServerPort int port;
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

  // --- starting a case

  @Test
  void referralWithoutPersonRefIsRefused() {
    Map<String, Object> variables = referral(newPersonRef(), "artois");
    variables.remove("personRef");
    String label = "T-" + UUID.randomUUID().toString().substring(0, 8);
    variables.put("personLabel", typed(label, "String"));

    EngineRest.Response response = as("ts.artois").post(START, body(variables));

    assertRefused(response, "« Référence de la personne » est obligatoire");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .variableValueEquals("personLabel", label).count()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .variableValueEquals("personLabel", label).count()).isZero();
  }

  @Test
  void referralForAnUnknownTerritoryIsRefused() {
    String personRef = newPersonRef();
    Map<String, Object> variables = referral(personRef, "artois");
    variables.put("territory", typed("narnia", "String"));

    assertRefused(as("ts.artois").post(START, body(variables)), "« Territoire » doit être l'une des valeurs [artois, audomarois, lens-lievin, montreuillois, strasbourg, saverne, haguenau] (reçu : « narnia »)");
    assertThat(pathwaysOf(personRef)).isZero();

    assertStarted(as("ts.artois").post(START, body(referral(personRef, "artois"))), personRef);
  }

  @Test
  void referralWithMalformedListsIsRefused() {
    String personRef = newPersonRef();

    Map<String, Object> asText = referral(personRef, "artois");
    asText.put("interveners", typed("[{", "String"));
    assertRefused(as("ts.artois").post(START, body(asText)), "« Intervenants déjà engagés » doit être une liste JSON");

    Map<String, Object> asJson = referral(personRef, "artois");
    asJson.put("interveners", typed("[{", "Json"));
    assertRefused(as("ts.artois").post(START, body(asJson)), "« Intervenants déjà engagés » doit être une liste JSON");

    Map<String, Object> notAList = referral(personRef, "artois");
    notAList.put("difficultyDomains", typed("{\"housing\":true}", "Json"));
    assertRefused(as("ts.artois").post(START, body(notAList)), "« Domaines de difficulté » doit être une liste de valeurs");

    Map<String, Object> unknownCode = referral(personRef, "artois");
    unknownCode.put("difficultyDomains", typed("[\"housing\",\"astrology\"]", "Json"));
    assertRefused(as("ts.artois").post(START, body(unknownCode)), "« astrology » n'est pas une valeur admise");

    Map<String, Object> intervenerWithoutOrganisation = referral(personRef, "artois");
    intervenerWithoutOrganisation.put("interveners", typed("[{\"name\":\"Mme X\"}]", "Json"));
    assertRefused(as("ts.artois").post(START, body(intervenerWithoutOrganisation)),
        "« Intervenants déjà engagés », ligne 1 : « Organisme » est obligatoire");

    assertThat(pathwaysOf(personRef)).isZero();
  }

  @Test
  void referralByAnUnknownUserOrNamingOneIsRefused() {
    String personRef = newPersonRef();

    Map<String, Object> unknownReferrer = referral(personRef, "artois");
    unknownReferrer.put("referrerId", typed("nobody", "String"));
    assertRefused(as("ts.artois").post(START, body(unknownReferrer)),
        "« Pour le compte de » : l'utilisateur « nobody » n'existe pas");

    Map<String, Object> unknownIntervener = referral(personRef, "artois");
    unknownIntervener.put("interveners", typed("""
        [{"name":"Conseillère CAF","organisation":"CAF","userId":"caf.nowhere"},
         {"name":"Conseiller France Travail","organisation":"France Travail","userId":"ft.artois"}]""", "Json"));
    assertRefused(as("ts.artois").post(START, body(unknownIntervener)),
        "« Intervenants déjà engagés », ligne 1 : « Identifiant (si compte) » : l'utilisateur « caf.nowhere » n'existe pas");

    assertThat(pathwaysOf(personRef)).isZero();
  }

  @Test
  void secondOpenPathwayOfAPersonInTheSameDepartementIsRefused() {
    String personRef = newPersonRef();
    EngineRest.Response first = as("ts.artois").post(START, body(referral(personRef, "artois")));
    ProcessInstance open = assertStarted(first, personRef);
    String openCase = cases.businessKey(open);

    // another territory of the same département
    EngineRest.Response second = as("ts.audomarois").post(START, body(referral(personRef, "audomarois")));

    assertRefused(second, "un parcours est déjà ouvert pour cette personne dans ce département : dossier " + openCase);
    assertThat(pathwaysOf(personRef)).isEqualTo(1);
    assertThat(open).isWaitingAt("recordConsent");

    // another département keeps its own pathways
    EngineRest.Response elsewhere = as("ts.strasbourg").post(START, body(referral(personRef, "strasbourg")));
    assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);
    assertThat(pathwaysOf(personRef)).isEqualTo(2);
  }

  @Test
  void personWhosePathwayEndedMayBeReferredAgain() {
    String personRef = newPersonRef();
    ProcessInstance first = cases.start(Cases.referral("artois").putValue("personRef", personRef));
    cases.complete(first, "recordConsent", Cases.consent(false, null));
    assertThat(first).isEnded();

    assertStarted(as("ts.artois").post(START, body(referral(personRef, "artois"))), personRef);
    assertThat(pathwaysOf(personRef)).isEqualTo(2);
  }

  @Test
  void referrerOfAnotherDepartementCannotReferACaseHere() {
    String personRef = newPersonRef();
    Map<String, Object> variables = referral(personRef, "artois");
    variables.put("referrerId", typed("ts.strasbourg", "String"));

    EngineRest.Response response = as("ts.strasbourg").post(START, body(variables));

    assertRefused(response, "le territoire « artois » n'appartient pas à votre département");
    assertThat(pathwaysOf(personRef)).isZero();
  }

  @Test
  void administratorMayReferACaseOfAnyTerritory() {
    String personRef = newPersonRef();

    ProcessInstance pathway = assertStarted(as("demo").post(START, body(referral(personRef, "artois"))), personRef);

    assertThat(pathway.getTenantId()).isEqualTo("pas-de-calais");
    assertThat(pathway).isWaitingAt("recordConsent");
  }

  /** Tasklist starts a case with the start form's submit-form: the same rules apply. */
  @Test
  void startFormSubmissionIsValidatedToo() {
    String personRef = newPersonRef();
    Map<String, Object> variables = referral(personRef, "artois");
    variables.remove("difficultyDomains");
    // (an empty referrerId is no longer a problem: the caller is the referrer)
    variables.put("personLabel", typed("Monsieur D., né en 1984 à Arras, deux enfants", "String"));

    EngineRest.Response response = as("ts.artois").post(SUBMIT_START_FORM, body(variables));

    assertRefused(response, "« Domaines de difficulté » est obligatoire");
    assertThat(response.json().path("message").asText()).contains("« Libellé court » ne doit pas dépasser 40 caractères");
    assertThat(response.json().path("problems").size()).isEqualTo(2);
    assertThat(pathwaysOf(personRef)).isZero();

    assertStarted(as("ts.artois").post(SUBMIT_START_FORM, body(referral(personRef, "artois"))), personRef);
  }

  // --- completing tasks

  @Test
  void taskWithoutItsRequiredVariablesIsRefused() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    Task consent = cases.task(pathway, "recordConsent");
    String complete = "/engine-rest/task/" + consent.getId() + "/complete";

    assertRefused(as("ts.artois").post(complete, body(Map.of())), "« La personne adhère à la démarche » est obligatoire");
    assertRefused(as("ts.artois").post(complete, body(Map.of("consentGiven", typed(true, "Boolean")))),
        "« La personne accepte le partage d'informations entre intervenants » doit être cochée");

    assertTaskOpen(consent);
    assertThat(pathway).isWaitingAt("recordConsent");
    assertThat(engine.getRuntimeService().getVariables(pathway.getId())).doesNotContainKeys("consentGiven");

    EngineRest.Response accepted = as("ts.artois").post(complete, body(Map.of(
        "consentGiven", typed(true, "Boolean"), "sharingConsent", typed(true, "Boolean"))));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    assertThat(pathway).isWaitingAt("globalDiagnostic");
  }

  /** Tasklist completes a task with submit-form: the same rules apply. */
  @Test
  void taskFormSubmissionIsValidatedToo() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    cases.complete(pathway, "recordConsent", Cases.consent(true, null));
    Task diagnostic = cases.task(pathway, "globalDiagnostic");
    Map<String, Object> variables = diagnosticOverRest();
    variables.put("plannedDuration", typed("six mois", "String"));

    EngineRest.Response response = as("ts.artois").post(
        "/engine-rest/task/" + diagnostic.getId() + "/submit-form", body(variables));

    assertRefused(response, "« Durée prévisionnelle » doit être l'une des valeurs [P3M, P6M, P9M, P12M, P18M, P24M] (reçu : « six mois »)");
    assertTaskOpen(diagnostic);
    assertThat(engine.getRuntimeService().getVariables(pathway.getId()))
        .doesNotContainKeys("plannedDuration", "diagnosisSummary", "actionPlan");

    EngineRest.Response accepted = as("ts.artois").post(
        "/engine-rest/task/" + diagnostic.getId() + "/submit-form", body(diagnosticOverRest()));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    assertThat(pathway).isWaitingAt("admissionCommittee");
  }

  @Test
  void malformedListInATaskIsRefused() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), null);
    ProcessInstance committee = cases.committee(pathway);
    Task schedule = cases.task(pathway, "scheduleCommittee");
    String complete = "/engine-rest/task/" + schedule.getId() + "/complete";
    String committeeDate = ClockUtil.getCurrentTime().toInstant().plus(3, ChronoUnit.DAYS).toString();

    for (String type : new String[] {"String", "Json"}) {
      EngineRest.Response response = as("ctas.artois").post(complete, body(Map.of(
          "committeeDate", typed(committeeDate, "String"),
          "invitedMembers", typed("[{", type))));
      assertRefused(response, "« Membres invités » doit être une liste JSON");
    }
    assertRefused(as("ctas.artois").post(complete, body(Map.of(
        "committeeDate", typed(committeeDate, "String"),
        "invitedMembers", typed("[{\"name\":\"Conseillère CAF\",\"organisation\":\"CAF\"}", "String")))),
        "« Membres invités » doit être une liste JSON");

    assertTaskOpen(schedule);
    assertThat(committee).isWaitingAt("scheduleCommittee");
    assertThat(engine.getRuntimeService().getVariables(committee.getId()))
        .doesNotContainKeys("invitedMembers", "committeeDate");

    EngineRest.Response accepted = as("ctas.artois").post(complete, body(Map.of(
        "committeeDate", typed(committeeDate, "String"),
        "invitedMembers", typed("[{\"name\":\"Conseillère CAF\",\"organisation\":\"CAF\"}]", "Json"))));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    assertThat(committee).isWaitingAt("committeeDay");
  }

  @Test
  void committeeDecisionOutsideTheAllowedValuesIsRefused() {
    ProcessInstance pathway = committeeDay();
    ProcessInstance committee = cases.committee(pathway);
    Task hold = cases.task(pathway, "holdCommittee");
    String complete = "/engine-rest/task/" + hold.getId() + "/complete";

    Map<String, Object> maybe = decisionOverRest("maybe");
    assertRefused(as("ctas.artois").post(complete, body(maybe)),
        "« Décision de l'instance » doit être l'une des valeurs");
    Map<String, Object> close = decisionOverRest("close");
    assertRefused(as("ctas.artois").post(complete, body(close)), "(reçu : « close »)");

    assertTaskOpen(hold);
    assertThat(committee).isWaitingAt("holdCommittee");
    assertThat(engine.getRuntimeService().getVariable(committee.getId(), "committeeDecision")).isNull();

    EngineRest.Response accepted = as("ctas.artois").post(complete, body(decisionOverRest("admit")));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    assertThat(pathway).isWaitingAt("signAgreement");
  }

  @Test
  void coordinatorWhoIsNotAUserIsRefused() {
    ProcessInstance pathway = committeeDay();
    ProcessInstance committee = cases.committee(pathway);
    Task hold = cases.task(pathway, "holdCommittee");
    String complete = "/engine-rest/task/" + hold.getId() + "/complete";
    assertThat(engine.getRuntimeService().getVariable(committee.getId(), "coordinatorId")).isEqualTo("ts2.artois");

    Map<String, Object> nobody = decisionOverRest("admit");
    nobody.put("coordinatorId", typed("nobody", "String"));
    nobody.put("coordinatorChoiceReason", typed("Essai", "String"));
    assertRefused(as("ctas.artois").post(complete, body(nobody)),
        "« Référent de parcours désigné (identifiant) » : l'utilisateur « nobody » n'existe pas");

    assertTaskOpen(hold);
    assertThat(committee).isWaitingAt("holdCommittee");
    assertThat(engine.getRuntimeService().getVariables(committee.getId()))
        .containsEntry("coordinatorId", "ts2.artois")
        .doesNotContainKeys("committeeDecision", "coordinatorChoiceReason");

    Map<String, Object> chosen = decisionOverRest("admit");
    chosen.put("coordinatorId", typed("ts.artois", "String"));
    chosen.put("coordinatorChoiceReason", typed("Déjà référente de la fratrie.", "String"));
    EngineRest.Response accepted = as("ctas.artois").post(complete, body(chosen));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    assertThat(pathway).isWaitingAt("signAgreement");
    assertThat(cases.task(pathway, "signAgreement").getAssignee()).isEqualTo("ts.artois");
  }

  // --- helpers

  /** A case whose admission committee is open (the person preferred ts2.artois). */
  ProcessInstance committeeDay() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts2.artois");
    cases.scheduleAndReachCommitteeDay(pathway, 2);
    assertThat(cases.committee(pathway)).isWaitingAt("holdCommittee");
    return pathway;
  }

  EngineRest as(String user) {
    return EngineRest.as(port, user);
  }

  static String newPersonRef() {
    return "P-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static Map<String, Object> typed(Object value, String type) {
    Map<String, Object> variable = new LinkedHashMap<>();
    variable.put("value", value);
    variable.put("type", type);
    return variable;
  }

  static Map<String, Object> body(Map<String, Object> variables) {
    return Map.of("variables", variables);
  }

  /** What the referral form submits, in the REST API's variable format. */
  static Map<String, Object> referral(String personRef, String territory) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("personRef", typed(personRef, "String"));
    variables.put("personLabel", typed("M. D. 1984", "String"));
    variables.put("territory", typed(territory, "String"));
    variables.put("referrerId", typed("ts." + territory, "String"));
    variables.put("interveners", typed("""
        [{"name":"Conseillère CAF","organisation":"CAF","role":"Accès aux droits","userId":"caf.%1$s"},
         {"name":"Conseiller France Travail","organisation":"France Travail","role":"Emploi","userId":"ft.%1$s"}]"""
        .formatted(territory), "Json"));
    variables.put("difficultyDomains", typed("[\"housing\",\"employment\",\"education\"]", "Json"));
    variables.put("durableSupport", typed(true, "Boolean"));
    variables.put("urgent", typed(false, "Boolean"));
    return variables;
  }

  static Map<String, Object> diagnosticOverRest() {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("diagnosisSummary", typed("Cumul de difficultés.", "String"));
    variables.put("actionPlan", typed("""
        [{"id":"o1","label":"Trouver un logement","domain":"housing","ownerName":"CCAS","status":"planned"}]""", "Json"));
    variables.put("plannedDuration", typed("P6M", "String"));
    variables.put("reviewCycle", typed("P2M", "String"));
    return variables;
  }

  static Map<String, Object> decisionOverRest(String decision) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("attendance", typed("""
        [{"name":"Conseillère CAF","organisation":"CAF","present":true}]""", "Json"));
    variables.put("personPresent", typed(true, "Boolean"));
    variables.put("committeeDecision", typed(decision, "String"));
    return variables;
  }

  /** Pathways ever started for that person (open or ended). */
  long pathwaysOf(String personRef) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("pathway")
        .variableValueEquals("personRef", personRef)
        .count();
  }

  ProcessInstance assertStarted(EngineRest.Response response, String personRef) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    String id = response.json().path("id").asText();
    ProcessInstance pathway = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    assertThat((Object) pathway).as("started case " + id).isNotNull();
    assertThat(engine.getRuntimeService().getVariable(id, "personRef")).isEqualTo(personRef);
    return pathway;
  }

  static void assertRefused(EngineRest.Response response, String messageFragment) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).as(response.body())
        .startsWith("Saisie refusée")
        .contains(messageFragment);
  }

  void assertTaskOpen(Task task) {
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as("task still open").isEqualTo(1);
  }
}
