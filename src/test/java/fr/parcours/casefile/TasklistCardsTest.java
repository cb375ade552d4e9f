package fr.parcours.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.parcours.identity.TasklistFilterSeeder;
import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * Tasklist's cards show the case at a glance: the list of a filter's tasks, as Tasklist asks for it
 * (HAL), carries the variables the filter declares and the due date, over the engine REST API and
 * through the webapp's API with a Tasklist session. And the "start process" list offers the pathway
 * to social workers only.
 */
@ParcoursTest
class TasklistCardsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HAL = "application/hal+json, application/json; q=0.5";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired TasklistFilterSeeder filterSeeder;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void cardsOfASocialWorkerCarryTheCaseVariablesAndTheDueDate() {
    Cases cases = new Cases(engine);
    ProcessInstance followed = cases.startInFollowUp(Cases.referral("artois"), "ts.artois");
    ClockUtil.reset();
    ProcessInstance referred = cases.start(Cases.referral("artois"));
    String followedKey = cases.businessKey(followed);
    String referredKey = cases.businessKey(referred);

    // engine REST API, HTTP Basic
    JsonNode mine = restList("ts.artois", filterId("Mes tâches"));
    JsonNode coordination = task(mine, followed.getId(), "coordinatePathway");
    assertThat(variables(coordination)).containsEntry("caseReference", followedKey)
        .containsEntry("personLabel", "M. D. 1984").containsEntry("territory", "artois")
        .containsKey("planEndDate");
    assertThat(coordination.path("due").asText()).isNotBlank();

    JsonNode team = restList("ts.artois", filterId("Tâches de mon équipe"));
    JsonNode consent = task(team, referred.getId(), "recordConsent");
    assertThat(variables(consent)).containsEntry("caseReference", referredKey)
        .containsEntry("personLabel", "M. D. 1984").containsEntry("territory", "artois")
        .doesNotContainKey("planEndDate");
    assertThat(consent.path("due").asText()).isNotBlank();

    // the webapp's engine API, as Tasklist calls it (POST with the query's sorting, and GET)
    TasklistSession tasklist = TasklistSession.login(port, "ts.artois");
    String path = "/camunda/api/engine/engine/default/filter/" + filterId("Tâches de mon équipe")
        + "/list?firstResult=0&maxResults=15";
    TasklistSession.Response posted = tasklist.post(path, Map.of("sorting",
        List.of(Map.of("sortBy", "dueDate", "sortOrder", "asc"))), HAL);
    assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
    assertThat(variables(task(posted.json(), referred.getId(), "recordConsent")))
        .containsEntry("caseReference", referredKey).containsEntry("personLabel", "M. D. 1984")
        .containsEntry("territory", "artois");
    TasklistSession.Response got = tasklist.get(path, HAL);
    assertThat(got.status()).isEqualTo(200);
    assertThat(task(got.json(), referred.getId(), "recordConsent").path("due").asText()).isNotBlank();
    assertThat(variables(task(got.json(), referred.getId(), "recordConsent"))).containsKeys("caseReference", "personLabel");
  }

  @Test
  void aFilterWithoutCardVariablesGetsTheCaseVariablesAtStart() {
    FilterService filters = engine.getFilterService();
    Filter late = filters.createFilterQuery().filterName("Tâches en retard").singleResult();
    Map<String, Object> original = new LinkedHashMap<>(late.getProperties());
    Map<String, Object> withoutVariables = new LinkedHashMap<>(original);
    withoutVariables.remove("variables");
    filters.saveFilter(late.setProperties(withoutVariables));
    try {
      filterSeeder.seed();

      Filter seeded = filters.getFilter(late.getId());
      assertThat(seeded.getProperties()).containsKey("variables")
          .containsEntry("description", original.get("description"));
      assertThat(JSON.valueToTree(seeded.getProperties().get("variables")).findValuesAsText("name"))
          .containsExactly("caseReference", "personLabel", "territory", "planEndDate");
    } finally {
      filters.saveFilter(filters.getFilter(late.getId()).setProperties(original));
    }
  }

  @Test
  void aCommitteeTakenByACtasStaysInTheCommitteeFilter() {
    Cases cases = new Cases(engine);
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("audomarois"), "ts.audomarois");
    ProcessInstance committee = cases.committee(pathway);
    String scheduleId = engine.getTaskService().createTaskQuery().processInstanceId(committee.getId())
        .taskDefinitionKey("scheduleCommittee").singleResult().getId();
    engine.getTaskService().claim(scheduleId, "ctas.audomarois");

    JsonNode toOrganise = restList("ctas.audomarois", filterId("Instances techniques à organiser"), 1000);
    assertThat(task(toOrganise, committee.getId(), "scheduleCommittee").path("assignee").asText())
        .isEqualTo("ctas.audomarois");
  }

  @Test
  void onlySocialWorkersAreOfferedToStartAPathway() {
    String startable = "/engine-rest/process-definition?latestVersion=true&active=true&startableInTasklist=true"
        + "&startablePermissionCheck=true&firstResult=0&maxResults=15";
    assertThat(keys(EngineRest.as(port, "ts.artois").get(startable))).containsExactly("pathway");
    assertThat(keys(EngineRest.as(port, "ctas.artois").get(startable))).containsExactly("pathway");
    assertThat(keys(EngineRest.as(port, "caf.artois").get(startable))).isEmpty();
    assertThat(keys(EngineRest.as(port, "ft.strasbourg").get(startable))).isEmpty();
    assertThat(keys(EngineRest.as(port, "pilote.pas-de-calais").get(startable))).isEmpty();
  }

  private List<String> keys(EngineRest.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().findValuesAsText("key");
  }

  private String filterId(String name) {
    return engine.getFilterService().createFilterQuery().filterName(name).singleResult().getId();
  }

  private JsonNode restList(String user, String filterId) {
    return restList(user, filterId, 15);
  }

  private JsonNode restList(String user, String filterId, int maxResults) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/filter/" + filterId
              + "/list?firstResult=0&maxResults=" + maxResults))
          .header("Accept", "application/hal+json")
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
          .GET().build();
      HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The task of that process instance with that key in a HAL list of tasks. */
  private static JsonNode task(JsonNode halList, String processInstanceId, String taskKey) {
    List<String> seen = new ArrayList<>();
    for (JsonNode task : halList.path("_embedded").path("task")) {
      seen.add(task.path("taskDefinitionKey").asText() + "@" + task.path("processInstanceId").asText());
      if (processInstanceId.equals(task.path("processInstanceId").asText())
          && taskKey.equals(task.path("taskDefinitionKey").asText())) {
        return task;
      }
    }
    throw new AssertionError("No task " + taskKey + " of " + processInstanceId + " in the list: " + seen);
  }

  private static Map<String, Object> variables(JsonNode halTask) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (JsonNode variable : halTask.path("_embedded").path("variable")) {
      values.put(variable.path("name").asText(), variable.path("value").isTextual()
          ? variable.path("value").asText() : variable.path("value").toString());
    }
    return values;
  }
}
