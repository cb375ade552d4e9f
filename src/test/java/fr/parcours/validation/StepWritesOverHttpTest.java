package fr.parcours.validation;

import static fr.parcours.validation.InvalidInputOverRestTest.body;
import static fr.parcours.validation.InvalidInputOverRestTest.newPersonRef;
import static fr.parcours.validation.InvalidInputOverRestTest.referral;
import static fr.parcours.validation.InvalidInputOverRestTest.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import fr.parcours.casefile.TasklistSession;
import fr.parcours.models.ModelContract.Tasks;
import fr.parcours.models.ModelContract.Variables;
import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * A completion writes only what its step writes, whatever the door: {@code /engine-rest} (HTTP
 * Basic), Tasklist's {@code /camunda/api/engine} (a logged-in session) and Java. A variable the
 * step's form does not have, a JSON value nested too deep or too large, a text longer than its form
 * allows: 400 naming the form's label (or the unknown variable), in French, without the engine's
 * prefix, and nothing is stored (read back after each refusal).
 */
@ParcoursTest
class StepWritesOverHttpTest {

  static final String TASKLIST_API = "/camunda/api/engine/engine/default";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Cases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
  }

  @Test
  void aCompletionCarryingAVariableItsFormDoesNotHaveIsRefusedOnBothDoors() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    Task consent = cases.task(pathway, Tasks.RECORD_CONSENT);
    Map<String, Object> variables = consentOverRest();
    variables.put(Variables.COORDINATOR_ID, typed("caf.artois", "String"));
    variables.put(Variables.TERRITORY, typed("audomarois", "String"));

    EngineRest.Response rest = EngineRest.as(port, "ts.artois")
        .post("/engine-rest/task/" + consent.getId() + "/complete", body(variables));
    assertRefused(rest.status(), rest.json(), "Saisie refusée (Recueillir l'adhésion de la personne) : "
        + "« coordinatorId » n'est pas un champ du formulaire de cette étape ; "
        + "« territory » n'est pas un champ du formulaire de cette étape");
    assertUnchanged(pathway, consent);

    TasklistSession tasklist = TasklistSession.login(port, "ts.artois");
    TasklistSession.Response webapp = tasklist.post(TASKLIST_API + "/task/" + consent.getId() + "/submit-form",
        body(variables));
    assertRefused(webapp.status(), webapp.json(), "« coordinatorId » n'est pas un champ du formulaire de cette étape");
    assertUnchanged(pathway, consent);

    TasklistSession.Response accepted = tasklist.post(TASKLIST_API + "/task/" + consent.getId() + "/submit-form",
        body(consentOverRest()));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    assertThat(pathway).isWaitingAt(Tasks.GLOBAL_DIAGNOSTIC);
    assertThat(engine.getRuntimeService().getVariable(pathway.getId(), Variables.TERRITORY)).isEqualTo("artois");
  }

  @Test
  void javaCallersAreBoundByTheSameContract() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    Task consent = cases.task(pathway, Tasks.RECORD_CONSENT);
    Map<String, Object> variables = new LinkedHashMap<>(Cases.consent(true, null));
    variables.put(Variables.COORDINATOR_ID, "caf.artois");

    assertThatThrownBy(() -> engine.getTaskService().complete(consent.getId(), variables))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("« coordinatorId » n'est pas un champ du formulaire");
    assertUnchanged(pathway, consent);
  }

  @Test
  void aStartCarryingAVariableTheReferralFormDoesNotHaveIsRefusedOnBothDoorsWithoutTheEnginePrefix() {
    String personRef = newPersonRef();
    Map<String, Object> variables = referral(personRef, "artois");
    variables.put(Variables.COORDINATOR_ID, typed("ts.artois", "String"));

    EngineRest.Response rest = EngineRest.as(port, "ts.artois")
        .post("/engine-rest/process-definition/key/pathway/start", body(variables));
    assertRefused(rest.status(), rest.json(),
        "Saisie refusée (Démarche référent de parcours) : « coordinatorId » n'est pas un champ du formulaire de cette étape");

    TasklistSession tasklist = TasklistSession.login(port, "ts.artois");
    TasklistSession.Response webapp = tasklist.post(TASKLIST_API + "/process-definition/key/pathway/submit-form",
        body(variables));
    assertRefused(webapp.status(), webapp.json(), "« coordinatorId » n'est pas un champ du formulaire de cette étape");
    assertThat(pathwaysOf(personRef)).isZero();
  }

  @Test
  void tasklistsRefusalOfAStartNamesTheFormsLabelsWithoutTheEnginePrefix() {
    String personRef = newPersonRef();
    Map<String, Object> variables = referral(personRef, "artois");
    variables.remove("difficultyDomains");
    variables.put("personLabel", typed("x".repeat(41), "String"));

    TasklistSession tasklist = TasklistSession.login(port, "ts.artois");
    TasklistSession.Response webapp = tasklist.post(TASKLIST_API + "/process-definition/key/pathway/submit-form",
        body(variables));

    assertRefused(webapp.status(), webapp.json(), "« Libellé court » ne doit pas dépasser 40 caractères");
    assertThat(webapp.json().path("message").asText()).contains("« Domaines de difficulté » est obligatoire");
    assertThat(pathwaysOf(personRef)).isZero();
  }

  @Test
  void aJsonValueNestedDeeperThanTwentyLevelsIsRefusedAndTheCaseStaysReadable() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    cases.complete(pathway, Tasks.RECORD_CONSENT, Cases.consent(true, null));
    Task diagnostic = cases.task(pathway, Tasks.GLOBAL_DIAGNOSTIC);
    Map<String, Object> variables = diagnosticOverRest();
    variables.put(Variables.ACTION_PLAN, typed("[".repeat(3000) + "]".repeat(3000), "Json"));
    EngineRest worker = EngineRest.as(port, "ts.artois");

    EngineRest.Response deep = worker.post("/engine-rest/task/" + diagnostic.getId() + "/complete", body(variables));

    assertRefused(deep.status(), deep.json(), "« Plan d'action (objectifs) » contient une liste ou un objet JSON trop imbriqué"
        + " (20 niveaux au plus)");
    assertThat(engine.getRuntimeService().getVariables(pathway.getId())).doesNotContainKeys("actionPlan", "diagnosisSummary");
    assertThat(worker.get("/engine-rest/process-instance/" + pathway.getId() + "/variables").status())
        .as("the case's variables still read").isEqualTo(200);

    variables.put(Variables.ACTION_PLAN, typed("[\"" + "x".repeat(StepWriteGuard.MAX_BYTES) + "\"]", "Json"));
    EngineRest.Response large = worker.post("/engine-rest/task/" + diagnostic.getId() + "/complete", body(variables));
    assertRefused(large.status(), large.json(), "« Plan d'action (objectifs) » dépasse la taille admise (256 Ko)");

    variables.put("strengths", typed("y".repeat(StepWriteGuard.MAX_BYTES + 1), "String"));
    variables.put(Variables.ACTION_PLAN, diagnosticOverRest().get(Variables.ACTION_PLAN));
    EngineRest.Response longText = worker.post("/engine-rest/task/" + diagnostic.getId() + "/complete", body(variables));
    assertRefused(longText.status(), longText.json(), "« Potentialités de la personne » dépasse la taille admise");

    assertThat(engine.getTaskService().createTaskQuery().taskId(diagnostic.getId()).count()).isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariables(pathway.getId())).doesNotContainKeys("actionPlan", "strengths");
    EngineRest.Response accepted = worker.post("/engine-rest/task/" + diagnostic.getId() + "/complete",
        body(diagnosticOverRest()));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
  }

  /** A hidden field is not required, and what form-js sends for an unchecked box is accepted as false. */
  @Test
  void aFieldHiddenByItsConditionIsNotRequired() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    Task consent = cases.task(pathway, Tasks.RECORD_CONSENT);

    // sharingConsent is shown only when the person adheres
    EngineRest.Response refusal = EngineRest.as(port, "ts.artois").post("/engine-rest/task/" + consent.getId() + "/complete",
        body(Map.of("consentGiven", typed("false", "String"))));

    assertThat(refusal.status()).as(refusal.body()).isEqualTo(204);
    assertThat(pathway).isEnded();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pathway.getId())
        .variableName("consentGiven").singleResult().getValue()).as("typed as the form means it").isEqualTo(false);
  }

  /**
   * A value sent for a field the form hides is refused, not stored unchecked: refused consent with
   * « sharing accepted » would otherwise open the case to its interveners.
   */
  @Test
  void aValueSentForAHiddenFieldIsRefusedAndNotStored() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    Task consent = cases.task(pathway, Tasks.RECORD_CONSENT);
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("consentGiven", typed(false, "Boolean"));
    variables.put("sharingConsent", typed(true, "Boolean"));

    EngineRest.Response refused = EngineRest.as(port, "ts.artois")
        .post("/engine-rest/task/" + consent.getId() + "/complete", body(variables));

    assertRefused(refused.status(), refused.json(), "« La personne accepte le partage d'informations entre intervenants »"
        + " n'est pas demandé ici (champ masqué par sa condition)");
    assertUnchanged(pathway, consent);
  }

  // --- helpers

  static Map<String, Object> consentOverRest() {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("consentGiven", typed(true, "Boolean"));
    variables.put("sharingConsent", typed(true, "Boolean"));
    return variables;
  }

  static Map<String, Object> diagnosticOverRest() {
    return InvalidInputOverRestTest.diagnosticOverRest();
  }

  static void assertRefused(int status, JsonNode answer, String message) {
    assertThat(status).as(answer.toString()).isEqualTo(400);
    assertThat(answer.path("message").asText()).as(answer.toString())
        .startsWith("Saisie refusée")
        .contains(message)
        .doesNotContain("Cannot", "ENGINE-", "instantiate", "task");
  }

  void assertUnchanged(ProcessInstance pathway, Task consent) {
    assertThat(engine.getTaskService().createTaskQuery().taskId(consent.getId()).count()).as("task still open").isEqualTo(1);
    assertThat(pathway).isWaitingAt(Tasks.RECORD_CONSENT);
    assertThat(engine.getRuntimeService().getVariables(pathway.getId()))
        .containsEntry(Variables.TERRITORY, "artois")
        .doesNotContainKeys("consentGiven", "sharingConsent", Variables.COORDINATOR_ID);
  }

  long pathwaysOf(String personRef) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("pathway")
        .variableValueEquals("personRef", personRef).count();
  }
}
