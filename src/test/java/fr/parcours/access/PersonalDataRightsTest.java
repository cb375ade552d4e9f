package fr.parcours.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.EngineRest.Response;
import fr.parcours.support.ParcoursTest;

/**
 * The person's rights over HTTP: a data-protection officer exports everything held about a
 * personRef, then erases it, runtime and history; both leave an audit entry; nobody else may; and
 * the application's log never shows the person's reference or label.
 */
@ParcoursTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataRightsTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Cases cases;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void exportThenEraseRoundTrip(CapturedOutput output) {
    String personRef = "P-" + UUID.randomUUID().toString().substring(0, 8);
    String personLabel = "Z. Q. 1977";
    // one case in follow-up (the admission committee ended), referred over HTTP; one ended case before it
    ProcessInstance refused = cases.start(Cases.referral("artois").putValue("personRef", personRef)
        .putValue("personLabel", personLabel));
    cases.complete(refused, "recordConsent", Cases.consent(false, null));
    EngineRest worker = EngineRest.as(port, "ts.artois");
    Response started = worker.startPathway(Cases.referral("artois").putValue("personRef", personRef)
        .putValue("personLabel", personLabel));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    ProcessInstance pathway = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(started.json().path("id").asText()).singleResult();
    String key = cases.businessKey(pathway);
    assertThat(worker.complete(worker.taskId(key, "recordConsent"), Cases.consent(true, "ts2.artois")).status())
        .isEqualTo(204);
    cases.complete(pathway, "globalDiagnostic", Cases.diagnostic());
    cases.holdCommittee(pathway, Cases.decision("admit", "ts2.artois"));
    cases.complete(pathway, "signAgreement", Cases.agreement());
    ClockUtil.reset();

    // export: refused to workers and to another département's officer, complete for the officer
    assertThat(worker.get("/api/persons/" + personRef + "/export").status()).isEqualTo(403);
    assertThat(EngineRest.as(port, "pilote.pas-de-calais").get("/api/persons/" + personRef + "/export").status())
        .isEqualTo(403);
    Response elsewhere = EngineRest.as(port, "dpo.bas-rhin").get("/api/persons/" + personRef + "/export");
    assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);
    assertThat(elsewhere.json().path("cases")).isEmpty();
    EngineRest officer = EngineRest.as(port, "dpo.pas-de-calais");
    Response export = officer.get("/api/persons/" + personRef + "/export");
    assertThat(export.status()).as(export.body()).isEqualTo(200);
    List<JsonNode> exported = CaseAccessLifecycleTest.list(export.json().path("cases"));
    assertThat(exported).extracting(c -> c.path("processDefinitionKey").asText())
        .containsExactlyInAnyOrder("pathway", "pathway", "technical-committee");
    JsonNode open = exported.stream().filter(c -> key.equals(c.path("businessKey").asText())
        && "pathway".equals(c.path("processDefinitionKey").asText())).findFirst().orElseThrow();
    assertThat(open.path("variables").path("personRef").asText()).isEqualTo(personRef);
    assertThat(open.path("variables").path("personLabel").asText()).isEqualTo(personLabel);
    assertThat(open.path("variables").path("interveners").isArray()).isTrue();
    assertThat(open.path("variables").path("coordinatorId").asText()).isEqualTo("ts2.artois");
    assertThat(CaseAccessLifecycleTest.list(open.path("tasks"))).extracting(t -> t.path("taskDefinitionKey").asText())
        .contains("recordConsent", "globalDiagnostic", "signAgreement", "coordinatePathway");
    assertThat(CaseAccessLifecycleTest.list(open.path("decisions"))).extracting(d -> d.path("decisionDefinitionKey").asText())
        .containsExactly("eligibility");
    assertThat(CaseAccessLifecycleTest.list(open.path("operationLog"))).isNotEmpty();
    assertThat(exportEntries(pathway)).extracting(UserOperationLogEntry::getUserId).containsOnly("dpo.pas-de-calais");

    // erasure: refused to workers, done for the officer, runtime and history
    assertThat(worker.delete("/api/persons/" + personRef).status()).isEqualTo(403);
    assertThat(EngineRest.as(port, "dpo.bas-rhin").delete("/api/persons/" + personRef).json()
        .path("erasedInstances").asInt()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().variableValueEquals("personRef", personRef).count())
        .isEqualTo(1);
    Response erased = officer.delete("/api/persons/" + personRef);
    assertThat(erased.status()).as(erased.body()).isEqualTo(200);
    assertThat(erased.json().path("erasedInstances").asInt()).isEqualTo(3);

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().variableValueEquals("personRef", personRef).count())
        .isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pathway.getId()).count()).isZero();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key).count()).isZero();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().variableValueEquals("personRef", personRef)
        .count()).isZero();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).count())
        .isZero();
    for (String instance : List.of(pathway.getId(), refused.getId())) {
      assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance).count()).isZero();
      assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(instance).count()).isZero();
      assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance).count()).isZero();
      assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(instance).count())
          .isZero();
      assertThat(engine.getAuthorizationService().createAuthorizationQuery().resourceId(instance).count()).isZero();
      // what remains in the operation log: who exported and who erased, without personal data
      assertThat(engine.getHistoryService().createUserOperationLogQuery().processInstanceId(instance).list())
          .extracting(UserOperationLogEntry::getOperationType)
          .contains(AuditTrail.OPERATION_TYPE_ERASE)
          .isSubsetOf(AuditTrail.OPERATION_TYPE_EXPORT, AuditTrail.OPERATION_TYPE_ERASE);
    }
    assertThat(engine.getHistoryService().createUserOperationLogQuery().processInstanceId(pathway.getId())
        .operationType(AuditTrail.OPERATION_TYPE_ERASE).singleResult().getUserId()).isEqualTo("dpo.pas-de-calais");
    assertThat(officer.get("/api/persons/" + personRef + "/export").json().path("cases")).isEmpty();
    assertThat(worker.get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + key).json()).isEmpty();

    // nothing of the person in the application's log
    assertThat(output.getAll()).doesNotContain(personRef).doesNotContain(personLabel);
  }

  @Test
  void theRightsNeedAnAuthenticatedOperator() {
    assertThat(EngineRest.anonymous(port).get("/api/persons/P-anyone/export").status()).isEqualTo(401);
    assertThat(EngineRest.anonymous(port).delete("/api/persons/P-anyone").status()).isEqualTo(401);
    assertThat(EngineRest.as(port, "ctas.artois").delete("/api/persons/P-anyone").status()).isEqualTo(403);
    Response admin = EngineRest.as(port, "demo").get("/api/persons/P-nobody-" + UUID.randomUUID() + "/export");
    assertThat(admin.status()).as(admin.body()).isEqualTo(200);
    assertThat(admin.json().path("cases")).isEmpty();
  }

  List<UserOperationLogEntry> exportEntries(ProcessInstance pathway) {
    return engine.getHistoryService().createUserOperationLogQuery().processInstanceId(pathway.getId())
        .operationType(AuditTrail.OPERATION_TYPE_EXPORT).list();
  }
}
