package fr.parcours.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.parcours.casefile.TasklistSession;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * The referral form no longer asks for one's own login: the server records the logged-in user as
 * the referrer, unless they refer on behalf of a social worker of the case's territory (« Pour le
 * compte de », chosen among the social workers of their territories, served to Tasklist by the
 * plugin resource). Someone else is refused with a French 400 naming the form's label, and nothing
 * starts; through {@code /engine-rest} and through Tasklist's {@code /camunda/api/engine} alike.
 */
@ParcoursTest
class ReferrerIsTheLoggedInUserTest {

  static final String START = "/engine-rest/process-definition/key/pathway/start";
  static final String TASKLIST_SUBMIT = "/camunda/api/engine/engine/default/process-definition/key/pathway/submit-form";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @Test
  void aSocialWorkerWhoNamesNobodyIsRecordedAsTheReferrer() {
    String personRef = newPersonRef();

    EngineRest.Response started = EngineRest.as(port, "ts.artois").post(START, body(referral(personRef, "artois")));

    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(referrerOf(started.json().path("id").asText())).isEqualTo("ts.artois");
  }

  @Test
  void aSocialWorkerStartingInTasklistWithAnEmptyChoiceIsRecordedAsTheReferrer() {
    String personRef = newPersonRef();
    Map<String, Object> variables = referral(personRef, "audomarois");
    // what form-js submits for a select left empty
    variables.put("referrerId", typed(null, null));

    TasklistSession.Response started = TasklistSession.login(port, "ts.audomarois").post(TASKLIST_SUBMIT, body(variables));

    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(referrerOf(json(started.body()).path("id").asText())).isEqualTo("ts.audomarois");
  }

  @Test
  void aSocialWorkerMayReferOnBehalfOfASocialWorkerOfTheTerritory() {
    String personRef = newPersonRef();
    Map<String, Object> variables = referral(personRef, "artois");
    variables.put("referrerId", typed("ts2.artois", "String"));

    EngineRest.Response started = EngineRest.as(port, "ts.artois").post(START, body(variables));

    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(referrerOf(started.json().path("id").asText())).isEqualTo("ts2.artois");
  }

  @Test
  void referringOnBehalfOfSomeoneWhoIsNotASocialWorkerOfTheTerritoryIsRefusedAndStartsNothing() {
    String personRef = newPersonRef();

    // a social worker of another territory of the same département
    Map<String, Object> otherTerritory = referral(personRef, "artois");
    otherTerritory.put("referrerId", typed("ts.audomarois", "String"));
    EngineRest.Response refused = EngineRest.as(port, "ts.artois").post(START, body(otherTerritory));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("Pour le compte de")
        .contains("« ts.audomarois » n'est pas travailleur social du territoire Artois")
        .doesNotContain("Cannot instantiate");
    assertThat(pathwaysOf(personRef)).isZero();

    // a partner of the territory, through Tasklist's door
    Map<String, Object> partner = referral(personRef, "artois");
    partner.put("referrerId", typed("caf.artois", "String"));
    TasklistSession.Response inTasklist = TasklistSession.login(port, "ts.artois").post(TASKLIST_SUBMIT, body(partner));
    // refused (its status and the engine's prefix on this door are the webapps' error mapping, not this rule's)
    assertThat(inTasklist.status()).as(inTasklist.body()).isNotEqualTo(200);
    assertThat(json(inTasklist.body()).path("message").asText()).contains("Pour le compte de")
        .contains("« caf.artois » n'est pas travailleur social du territoire Artois");
    assertThat(pathwaysOf(personRef)).isZero();

    // the same referral for themselves starts
    EngineRest.Response started = EngineRest.as(port, "ts.artois").post(START, body(referral(personRef, "artois")));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(pathwaysOf(personRef)).isEqualTo(1);
  }

  @Test
  void tasklistOffersTheSocialWorkersOfTheUsersTerritoriesButThemselves() {
    TasklistSession.Response choices = TasklistSession.login(port, "ts.artois")
        .get("/camunda/api/tasklist/plugin/parcours/default/referrers");

    assertThat(choices.status()).as(choices.body()).isEqualTo(200);
    JsonNode options = json(choices.body());
    assertThat(options).extracting(o -> o.path("value").asText()).containsExactly("ts2.artois");
    assertThat(options.get(0).path("label").asText()).isEqualTo("Travailleuse sociale Artois — Artois (ts2.artois)");

    // the CTAS of the territory may refer too: its two social workers
    TasklistSession.Response ctas = TasklistSession.login(port, "ctas.saverne")
        .get("/camunda/api/tasklist/plugin/parcours/default/referrers");
    assertThat(ctas.status()).as(ctas.body()).isEqualTo(200);
    assertThat(json(ctas.body())).extracting(o -> o.path("value").asText())
        .containsExactlyInAnyOrder("ts.saverne", "ts2.saverne");

    // a partner does not refer: nothing to choose
    TasklistSession.Response partner = TasklistSession.login(port, "caf.artois")
        .get("/camunda/api/tasklist/plugin/parcours/default/referrers");
    assertThat(partner.status()).as(partner.body()).isEqualTo(200);
    assertThat(json(partner.body())).isEmpty();
  }

  // --- helpers

  private String referrerOf(String processInstanceId) {
    return (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName("referrerId").singleResult().getValue();
  }

  private long pathwaysOf(String personRef) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("pathway")
        .variableValueEquals("personRef", personRef).count();
  }

  private static String newPersonRef() {
    return "P-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Not JSON: " + body, e);
    }
  }

  private static Map<String, Object> typed(Object value, String type) {
    Map<String, Object> variable = new LinkedHashMap<>();
    variable.put("value", value);
    if (type != null) {
      variable.put("type", type);
    }
    return variable;
  }

  private static Map<String, Object> body(Map<String, Object> variables) {
    return Map.of("variables", variables);
  }

  /** What the referral form submits, in the REST API's variable format, « Pour le compte de » left empty. */
  private static Map<String, Object> referral(String personRef, String territory) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("personRef", typed(personRef, "String"));
    variables.put("territory", typed(territory, "String"));
    variables.put("interveners", typed("""
        [{"name":"Conseillère CAF","organisation":"CAF","userId":"caf.%1$s"},
         {"name":"Conseiller France Travail","organisation":"France Travail","userId":"ft.%1$s"}]"""
        .formatted(territory), "Json"));
    variables.put("difficultyDomains", typed("[\"housing\",\"employment\"]", "Json"));
    variables.put("durableSupport", typed(true, "Boolean"));
    return variables;
  }
}
