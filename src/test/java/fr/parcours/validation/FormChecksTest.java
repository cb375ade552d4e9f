package fr.parcours.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.ParcoursTest;

/**
 * Each rule a Camunda Form can state, enforced on the server for a step nobody wrote code for: a
 * process deployed here with one task and its form (every field type form-js 1.8 offers in Tasklist),
 * completed with what form-js sends (untyped values) and with what it would refuse.
 */
@ParcoursTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormChecksTest {

  static final String FORM = """
      {"id": "formChecksVisit", "type": "default", "schemaVersion": 16, "components": [
        {"type": "textfield", "key": "name", "label": "Nom", "validate": {"required": true, "minLength": 2, "maxLength": 10, "pattern": "^[A-Z]"}},
        {"type": "number", "key": "amount", "label": "Montant", "validate": {"min": 0, "max": 100}},
        {"type": "checkbox", "key": "agreed", "label": "Accord"},
        {"type": "datetime", "subtype": "date", "key": "visitDate", "dateLabel": "Date de visite"},
        {"type": "select", "key": "kind", "label": "Nature", "values": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}]},
        {"type": "taglist", "key": "tags", "label": "Étiquettes", "values": [{"label": "X", "value": "x"}, {"label": "Y", "value": "y"}]},
        {"type": "radio", "key": "urgent", "label": "Urgent", "validate": {"required": true},
         "values": [{"label": "Oui", "value": true}, {"label": "Non", "value": false}]},
        {"type": "textarea", "key": "reason", "label": "Motif de l'urgence", "validate": {"required": true},
         "conditional": {"hide": "=urgent != true"}},
        {"type": "dynamiclist", "path": "rows", "label": "Lignes", "components": [
          {"type": "textfield", "key": "label", "label": "Libellé", "validate": {"required": true}},
          {"type": "number", "key": "qty", "label": "Quantité", "validate": {"min": 1}}]}
      ]}
      """;

  static final String BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="formChecksDefinitions" targetNamespace="http://parcours.fr/test">
        <bpmn:process id="formChecks" name="Contrôles du formulaire" isExecutable="true">
          <bpmn:startEvent id="started"/>
          <bpmn:sequenceFlow id="toVisit" sourceRef="started" targetRef="visit"/>
          <bpmn:userTask id="visit" name="Visite" camunda:candidateGroups="ts-artois"
              camunda:formRef="formChecksVisit" camunda:formRefBinding="latest"/>
          <bpmn:sequenceFlow id="toEnd" sourceRef="visit" targetRef="done"/>
          <bpmn:endEvent id="done"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Autowired ProcessEngine engine;
  String deploymentId;

  @BeforeAll
  void deploy() {
    deploymentId = engine.getRepositoryService().createDeployment().name("form-checks-test")
        .addString("formChecks.bpmn", BPMN).addString("formChecksVisit.form", FORM).deploy().getId();
  }

  @AfterAll
  void undeploy() {
    engine.getRepositoryService().deleteDeployment(deploymentId, true);
  }

  @Test
  void everyRuleTheFormStatesIsEnforcedAndEveryProblemNamedByItsLabel() {
    Task visit = newVisit();
    Map<String, Object> wrong = new HashMap<>();
    wrong.put("name", "x");
    wrong.put("amount", "cent cinquante");
    wrong.put("agreed", "peut-être");
    wrong.put("visitDate", "15/01/2027");
    wrong.put("kind", "c");
    wrong.put("tags", "[\"x\",\"z\"]");
    wrong.put("urgent", "true");
    wrong.put("rows", "[{\"qty\": 0}]");

    assertThatThrownBy(() -> engine.getTaskService().complete(visit.getId(), wrong))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class)
        .satisfies(refused -> assertThat(((InvalidCaseInputException) rootCause(refused)).getProblems()).containsExactly(
            "« Nom » doit compter au moins 2 caractères",
            "« Nom » n'a pas la forme attendue (reçu : « x »)",
            "« Montant » doit être un nombre (reçu : « cent cinquante »)",
            "« Accord » doit valoir oui ou non (true ou false) (reçu : « peut-être »)",
            "« Date de visite » doit être une date AAAA-MM-JJ (reçu : « 15/01/2027 »)",
            "« Nature » doit être l'une des valeurs [a, b] (reçu : « c »)",
            "« Étiquettes » : « z » n'est pas une valeur admise [x, y]",
            "« Motif de l'urgence » est obligatoire",
            "« Lignes », ligne 1 : « Libellé » est obligatoire",
            "« Lignes », ligne 1 : « Quantité » doit valoir au moins 1"));
    assertThat(engine.getTaskService().createTaskQuery().taskId(visit.getId()).count()).isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariables(visit.getProcessInstanceId())).isEmpty();

    Map<String, Object> outOfBounds = valid();
    outOfBounds.put("amount", "150");
    outOfBounds.put("name", "Abcdefghijk");
    assertThatThrownBy(() -> engine.getTaskService().complete(visit.getId(), outOfBounds))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class)
        .hasRootCauseMessage("Saisie refusée (Visite) : « Nom » ne doit pas dépasser 10 caractères ; « Montant » doit valoir au plus 100");
  }

  @Test
  void whatFormJsSendsUntypedIsAcceptedAndStoredTyped() {
    Task visit = newVisit();

    engine.getTaskService().complete(visit.getId(), valid());

    Map<String, Object> stored = historic(visit.getProcessInstanceId());
    assertThat(stored.get("amount")).isEqualTo(42L);
    assertThat(stored.get("agreed")).isEqualTo(false);
    assertThat(stored.get("urgent")).isEqualTo(true);
    assertThat(stored.get("visitDate")).isInstanceOf(Date.class);
    assertThat(stored.get("tags")).isInstanceOf(SpinJsonNode.class);
    assertThat(stored.get("rows").toString()).contains("Première");
  }

  /** A field hidden by its condition is not required, and takes no value; shown, it is required. */
  @Test
  void aHiddenFieldIsNotRequired() {
    Task notUrgent = newVisit();
    Map<String, Object> variables = valid();
    variables.put("urgent", "false");
    variables.remove("reason");
    engine.getTaskService().complete(notUrgent.getId(), variables);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(notUrgent.getProcessInstanceId()).count()).isZero();

    Task notUrgentWithReason = newVisit();
    variables.put("reason", "Pourtant");
    assertThatThrownBy(() -> engine.getTaskService().complete(notUrgentWithReason.getId(), variables))
        .hasRootCauseMessage("Saisie refusée (Visite) : « Motif de l'urgence » n'est pas demandé ici"
            + " (champ masqué par sa condition) (reçu : « Pourtant »)");
    variables.remove("reason");

    Task urgent = newVisit();
    variables.put("urgent", "true");
    assertThatThrownBy(() -> engine.getTaskService().complete(urgent.getId(), variables))
        .hasRootCauseMessage("Saisie refusée (Visite) : « Motif de l'urgence » est obligatoire");
  }

  static Throwable rootCause(Throwable thrown) {
    Throwable cause = thrown;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** What form-js submits for a valid form: every value as text, lists as JSON text. */
  static Map<String, Object> valid() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("name", "Alice");
    variables.put("amount", "42");
    variables.put("visitDate", "2027-01-15");
    variables.put("kind", "a");
    variables.put("tags", "[\"x\",\"y\"]");
    variables.put("urgent", "true");
    variables.put("reason", "Logement perdu");
    variables.put("rows", "[{\"label\": \"Première\", \"qty\": 2}]");
    return variables;
  }

  Task newVisit() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("formChecks");
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  Map<String, Object> historic(String processInstanceId) {
    Map<String, Object> values = new HashMap<>();
    engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list()
        .forEach(variable -> values.put(variable.getName(), variable.getValue()));
    return values;
  }
}
