package fr.parcours.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.EngineRest.Response;
import fr.parcours.support.ParcoursTest;

/**
 * Refused at the door: no credentials, bad credentials, a tenant id the user does not belong to;
 * and a refusal never shows a stack trace. Completing a task is for the team it is offered to.
 */
@ParcoursTest
class AccessRefusalsTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void missingCredentialsAreRefused() {
    EngineRest anonymous = EngineRest.anonymous(port);
    assertThat(anonymous.get("/engine-rest/history/process-instance").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/cases/RP-2026-000001/audit").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/persons/P-1/export").status()).isEqualTo(401);
  }

  @Test
  void badCredentialsAreRefused() {
    // a wrong password delays that user's next logins: a user no other test needs
    assertThat(EngineRest.as(port, "caf.saverne", "wrong").get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(EngineRest.as(port, "caf.saverne", "").get("/api/cases/RP-2026-000001/audit").status()).isEqualTo(401);
    assertThat(EngineRest.as(port, "someone.else", "demo").get("/api/persons/P-1/export").status()).isEqualTo(401);
  }

  @Test
  void aForgedTenantIdGivesNothing() {
    Cases cases = new Cases(engine);
    ProcessInstance strasbourg = cases.start(Cases.referral("strasbourg"));
    String key = cases.businessKey(strasbourg);
    EngineRest artois = EngineRest.as(port, "ts.artois");

    assertThat(artois.get("/engine-rest/task?tenantIdIn=bas-rhin").json()).isEmpty();
    assertThat(artois.get("/engine-rest/task?processInstanceBusinessKey=" + key + "&tenantIdIn=bas-rhin").json()).isEmpty();
    assertThat(artois.get("/engine-rest/process-instance?tenantIdIn=bas-rhin").json()).isEmpty();
    assertThat(artois.get("/engine-rest/history/process-instance?tenantIdIn=bas-rhin").json()).isEmpty();
    assertThat(artois.get("/engine-rest/history/variable-instance?processInstanceId=" + strasbourg.getId()).json()).isEmpty();
    assertThat(artois.get("/engine-rest/decision-definition?tenantIdIn=bas-rhin").json()).isEmpty();
    assertThat(EngineRest.as(port, "ts.strasbourg").get("/engine-rest/decision-definition?tenantIdIn=pas-de-calais").json())
        .isEmpty();
    Response variables = artois.get("/engine-rest/process-instance/" + strasbourg.getId() + "/variables");
    assertThat(variables.status()).as(variables.body()).isEqualTo(404);

    // starting a case in another département: refused, nothing started
    String personRef = "P-" + UUID.randomUUID().toString().substring(0, 8);
    Response otherDepartement = artois.startPathway(Cases.referral("strasbourg").putValue("personRef", personRef));
    assertThat(otherDepartement.status()).as(otherDepartement.body()).isEqualTo(400);
    Response forgedTenant = artois.post("/engine-rest/process-definition/key/pathway/tenant-id/bas-rhin/start",
        Map.of("variables", EngineRest.variables(Cases.referral("strasbourg").putValue("personRef", personRef))));
    assertThat(forgedTenant.status()).as(forgedTenant.body()).isBetween(400, 499);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().variableValueEquals("personRef", personRef)
        .count()).isZero();
  }

  @Test
  void refusalsShowNoStackTrace() {
    Cases cases = new Cases(engine);
    ProcessInstance strasbourg = cases.start(Cases.referral("strasbourg"));
    EngineRest artois = EngineRest.as(port, "ts.artois");
    for (Response refused : new Response[] {
        artois.get("/engine-rest/process-instance/" + strasbourg.getId() + "/variables"),
        artois.complete(cases.task(strasbourg, "recordConsent").getId(), Cases.consent(true, null)),
        artois.post("/engine-rest/message", "{\"messageName\":"),
        artois.get("/api/persons/P-1/export"),
        artois.get("/api/cases/unknown/audit")}) {
      assertThat(refused.status()).as(refused.body()).isBetween(400, 499);
      assertThat(refused.body()).doesNotContain("\tat ").doesNotContain("at org.").doesNotContain("at java.")
          .doesNotContain("\"trace\"");
    }
  }

  /** Completing a task: for the team it is offered to (candidate group), in its own territory. */
  @ParameterizedTest(name = "{0} completes {1} of a case in {2}: {3}")
  @CsvSource({
      "ts.artois, recordConsent, artois, true",
      "ts.artois, recordConsent, audomarois, false",
      "ts.strasbourg, recordConsent, artois, false",
      "ctas.artois, recordConsent, artois, false",
      "caf.artois, recordConsent, artois, false",
      "pilote.pas-de-calais, recordConsent, artois, false",
      "ctas.artois, scheduleCommittee, artois, true",
      "ctas.audomarois, scheduleCommittee, artois, false",
      "ts.artois, scheduleCommittee, artois, false",
      "caf.artois, scheduleCommittee, artois, false"})
  void completingATaskIsForItsTeam(String user, String taskKey, String territory, boolean allowed) {
    Cases cases = new Cases(engine);
    ProcessInstance pathway = "recordConsent".equals(taskKey)
        ? cases.start(Cases.referral(territory))
        : cases.startAtAdmissionCommittee(Cases.referral(territory), null);
    Map<String, Object> variables = "recordConsent".equals(taskKey)
        ? Cases.consent(true, null)
        : Cases.schedule(Cases.now(), 3);
    String taskId = cases.task(pathway, taskKey).getId();

    Response completed = EngineRest.as(port, user).complete(taskId, variables);

    if (allowed) {
      assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    } else {
      assertThat(completed.status()).as(completed.body()).isIn(403, 404);
      assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    }
  }
}
