package fr.parcours.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import fr.parcours.models.ModelContract.Tasks;
import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * A national manager moves the open cases of an older pathway version to the latest one over
 * {@code POST /api/models/pathway/migrations}: the generated plan first (dry run), refused while an
 * open step has no counterpart, then run as a batch, audited in Camunda's user operation log.
 * {@code GET /api/models/pathway/versions} shows each version's open cases, counts only.
 */
@ParcoursTest
class PathwayMigrationTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Cases cases;
  final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
  }

  @AfterEach
  void removeDeployments() {
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
  }

  @Test
  void openCasesMoveToTheLatestVersionOnceEveryOpenStepHasItsCounterpart() {
    // version A: with a step « Visite à domicile »; two cases on it, one at that step
    int versionA = deploy(ModelerDeploymentTest.pathwayWithHomeVisit(ModelerDeploymentTest.HOME_VISIT
        + " camunda:candidateGroups=\"ts-${territory}\""), true);
    ProcessInstance atVisit = cases.start(Cases.referral("artois"));
    cases.complete(atVisit, Tasks.RECORD_CONSENT, Cases.consent(true, "ts2.artois"));
    ProcessInstance atDiagnostic = cases.start(Cases.referral("artois"));
    cases.complete(atDiagnostic, Tasks.RECORD_CONSENT, Cases.consent(true, "ts2.artois"));
    cases.complete(atDiagnostic, "homeVisit", Map.of("visitNotes", "Visite faite."));
    // version B: without it
    int versionB = deploy(Modeler.text("bpmn/pathway.bpmn").replace("name=\"Saisine\"", "name=\"Saisine (B)\""), false);

    EngineRest manager = EngineRest.as(port, "gestionnaire");
    EngineRest.Response refused = manager.post("/api/models/pathway/migrations", Map.of("fromVersion", versionA, "dryRun", true));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains(
        "l'étape « Visite à domicile » (homeVisit) est ouverte dans 1 dossier(s) et n'a pas d'équivalent dans la version " + versionB);
    assertThat(versionOf(atVisit)).isEqualTo(versionA);

    cases.complete(atVisit, "homeVisit", Map.of("visitNotes", "Visite faite."));
    EngineRest.Response plan = manager.post("/api/models/pathway/migrations", Map.of("fromVersion", versionA, "dryRun", true));
    assertThat(plan.status()).as(plan.body()).isEqualTo(200);
    assertThat(plan.json().path("openCases").asLong()).isEqualTo(2);
    assertThat(plan.json().path("plan").findValuesAsText("sourceActivityId")).contains(Tasks.GLOBAL_DIAGNOSTIC);
    assertThat(plan.json().has("batchId")).isFalse();
    assertThat(versionOf(atDiagnostic)).as("a dry run changes nothing").isEqualTo(versionA);

    EngineRest.Response run = manager.post("/api/models/pathway/migrations", Map.of("fromVersion", versionA, "dryRun", false));
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    runBatch(run.json().path("batchId").asText());

    assertThat(versionOf(atVisit)).isEqualTo(versionB);
    assertThat(versionOf(atDiagnostic)).isEqualTo(versionB);
    assertThat(cases.task(atVisit, Tasks.GLOBAL_DIAGNOSTIC)).as("the open step goes on in version B").isNotNull();
    assertThat(engine.getHistoryService().createUserOperationLogQuery()
        .operationType(UserOperationLogEntry.OPERATION_TYPE_MIGRATE).userId("gestionnaire").count())
        .as("audited with the manager's id").isPositive();

    JsonNode versions = manager.get("/api/models/pathway/versions").json();
    JsonNode b = find(versions, versionB);
    assertThat(b.path("latest").asBoolean()).isTrue();
    assertThat(b.path("openCases").asLong()).isEqualTo(2);
    assertThat(b.path("fromApplication").asBoolean()).isFalse();
    assertThat(find(versions, versionA).path("openCases").asLong()).isZero();
  }

  @Test
  void onlyNationalManagersMigrateAndOnlyManagersReadTheVersions() {
    for (String user : List.of("ts.artois", "gestionnaire.pas-de-calais", "pilote.pas-de-calais")) {
      EngineRest.Response refused = EngineRest.as(port, user).post("/api/models/pathway/migrations", Map.of("fromVersion", 1));
      assertThat(refused.status()).as(user + " " + refused.body()).isEqualTo(403);
    }
    assertThat(EngineRest.as(port, "ts.artois").get("/api/models/pathway/versions").status()).isEqualTo(403);
    EngineRest.Response tables = EngineRest.as(port, "gestionnaire.pas-de-calais").get("/api/models/eligibility/versions");
    assertThat(tables.status()).as(tables.body()).isEqualTo(200);
    assertThat(tables.json().findValuesAsText("tenantId")).doesNotContain("bas-rhin");
  }

  int deploy(String pathway, boolean withHomeVisitForm) {
    Map<String, byte[]> files = withHomeVisitForm
        ? Modeler.files("pathway.bpmn", pathway, "homeVisit.form", ModelerDeploymentTest.HOME_VISIT_FORM)
        : Modeler.files("pathway.bpmn", pathway);
    EngineRest.Response response = Modeler.deploy(port, "gestionnaire", null, files);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    deployments.add(response.json().path("id").asText());
    return response.json().path("deployedProcessDefinitions").elements().next().path("version").asInt();
  }

  int versionOf(ProcessInstance instance) {
    String definitionId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getProcessDefinitionId();
    return engine.getRepositoryService().getProcessDefinition(definitionId).getVersion();
  }

  void runBatch(String batchId) {
    ManagementService management = engine.getManagementService();
    Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
    for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId())) {
      for (Job job : management.createJobQuery().jobDefinitionId(definition).list()) {
        management.executeJob(job.getId());
      }
    }
  }

  static JsonNode find(JsonNode versions, int version) {
    for (JsonNode node : versions) {
      if (node.path("version").asInt() == version && node.path("tenantId").isNull()) {
        return node;
      }
    }
    throw new AssertionError("version " + version + " not in " + versions);
  }
}
