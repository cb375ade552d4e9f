package fr.parcours.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * « Mes parcours » over HTTP ({@code GET /api/cases}, HTTP Basic) and through the Tasklist plugin's
 * resource (session): each worker gets the open cases they may read — the territory's social
 * workers and CTAS all of their territory's, an intervener those where the person consented to
 * share, the référent theirs in any territory of the département — and nobody else any; searched by
 * reference or label, paged, sorted by next due date. Every test's cases carry a label of their own,
 * searched for, since the suite shares one database.
 */
@ParcoursTest
class MyCasesTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Cases cases;
  String label;
  ProcessInstance inFollowUp;
  ProcessInstance atConsent;
  ProcessInstance atCommittee;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
    label = "MC" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    // the référent works in another territory of the département
    inFollowUp = cases.startInFollowUp(referral(label + " A"), "ts.audomarois");
    atConsent = cases.start(referral(label + " B"));
    atCommittee = cases.startAtAdmissionCommittee(referral(label + " C"), null);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void eachWorkerGetsTheCasesTheyMayRead() {
    assertThat(keys(list("ts.artois", "search=" + label))).containsExactlyInAnyOrder(
        key(inFollowUp), key(atConsent), key(atCommittee));
    assertThat(keys(list("ctas.artois", "search=" + label))).containsExactlyInAnyOrder(
        key(inFollowUp), key(atConsent), key(atCommittee));
    // an intervener: from the person's consent to share on
    assertThat(keys(list("caf.artois", "search=" + label))).containsExactlyInAnyOrder(key(inFollowUp), key(atCommittee));
    // the référent, from another territory
    assertThat(keys(list("ts.audomarois", "search=" + label))).containsExactly(key(inFollowUp));
    // not involved, pilots, data-protection officers, another département: none
    for (String user : List.of("ts2.audomarois", "pilote.pas-de-calais", "dpo.pas-de-calais", "ts.strasbourg")) {
      JsonNode page = list(user, "search=" + label);
      assertThat(page.path("cases")).as(user).isEmpty();
      assertThat(page.path("total").asLong()).as(user).isZero();
    }
    // without a search, a pilot still sees nothing
    assertThat(list("pilote.pas-de-calais", "").path("total").asLong()).isZero();
  }

  @Test
  void theColumnsOfACase() {
    JsonNode row = list("caf.artois", "search=" + key(inFollowUp)).path("cases").get(0);
    assertThat(row.path("businessKey").asText()).isEqualTo(key(inFollowUp));
    assertThat(row.path("processInstanceId").asText()).isEqualTo(inFollowUp.getId());
    assertThat(row.path("personLabel").asText()).isEqualTo(label + " A");
    assertThat(row.path("territory").asText()).isEqualTo("artois");
    assertThat(row.path("territoryName").asText()).isEqualTo("Artois");
    assertThat(texts(row.path("currentSteps"))).containsExactly("Coordonner le parcours");
    assertThat(row.path("coordinator").path("id").asText()).isEqualTo("ts.audomarois");
    assertThat(row.path("coordinator").path("name").asText()).isNotBlank().isNotEqualTo("ts.audomarois");

    JsonNode committee = list("ts.artois", "search=" + key(atCommittee)).path("cases").get(0);
    assertThat(texts(committee.path("currentSteps"))).containsExactly("Planifier l'instance technique");
    assertThat(committee.path("coordinator").isNull()).isTrue();
    java.util.Date due = engine.getTaskService().createTaskQuery().processInstanceId(cases.committee(atCommittee).getId())
        .singleResult().getDueDate();
    assertThat(committee.path("nextDueDate").asText()).isEqualTo(due.toInstant().toString());
  }

  @Test
  void searchByReferenceOrLabelInAnyCase() {
    assertThat(keys(list("ts.artois", "search=" + key(atConsent).toLowerCase())))
        .containsExactly(key(atConsent));
    assertThat(keys(list("ts.artois", "search=" + label.toLowerCase() + "%20b"))).containsExactly(key(atConsent));
    assertThat(list("ts.artois", "search=" + label + "%25").path("total").asLong()).isZero();
  }

  @Test
  void pagedAndSortedByNextDueDate() {
    JsonNode all = list("ts.artois", "search=" + label);
    assertThat(all.path("total").asLong()).isEqualTo(3);
    List<String> dues = new ArrayList<>();
    all.path("cases").forEach(row -> dues.add(row.path("nextDueDate").isNull() ? null : row.path("nextDueDate").asText()));
    List<String> sorted = new ArrayList<>(dues);
    sorted.sort(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    assertThat(dues).isEqualTo(sorted);

    JsonNode first = list("ts.artois", "search=" + label + "&page=0&size=2");
    JsonNode second = list("ts.artois", "search=" + label + "&page=1&size=2");
    assertThat(first.path("total").asLong()).isEqualTo(3);
    assertThat(first.path("size").asInt()).isEqualTo(2);
    assertThat(keys(first)).hasSize(2);
    assertThat(keys(second)).hasSize(1);
    List<String> both = new ArrayList<>(keys(first));
    both.addAll(keys(second));
    assertThat(both).isEqualTo(keys(all));
  }

  @Test
  void badParametersAreRefusedInFrench() {
    EngineRest.Response refused = EngineRest.as(port, "ts.artois").get("/api/cases?page=-1&size=500");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).startsWith("Recherche refusée");
    assertThat(refused.json().path("problems")).hasSize(2);
    assertThat(EngineRest.as(port, "ts.artois").get("/api/cases?size=abc").json().path("problems").get(0).asText())
        .contains("size doit être un nombre entier");
    assertThat(EngineRest.anonymous(port).get("/api/cases").status()).isEqualTo(401);
  }

  @Test
  void theTasklistSessionGetsTheSameList() {
    TasklistSession partner = TasklistSession.login(port, "caf.artois");
    TasklistSession.Response response = partner.get(CaseFilePluginTest.PLUGIN.replaceAll("/$", "") + "?search=" + label);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(keys(response.json())).containsExactlyInAnyOrder(key(inFollowUp), key(atCommittee));
    TasklistSession elsewhere = TasklistSession.login(port, "ts2.audomarois");
    assertThat(elsewhere.get(CaseFilePluginTest.PLUGIN.replaceAll("/$", "") + "?search=" + label).json().path("cases")).isEmpty();
  }

  private VariableMap referral(String personLabel) {
    return Cases.referral("artois").putValue("personLabel", personLabel);
  }

  private JsonNode list(String user, String query) {
    EngineRest.Response response = EngineRest.as(port, user).get("/api/cases?" + query);
    assertThat(response.status()).as(user + " " + response).isEqualTo(200);
    return response.json();
  }

  private String key(ProcessInstance pathway) {
    return cases.businessKey(pathway);
  }

  private static List<String> keys(JsonNode page) {
    List<String> keys = new ArrayList<>();
    page.path("cases").forEach(row -> keys.add(row.path("businessKey").asText()));
    return keys;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
