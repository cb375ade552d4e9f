package fr.parcours.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * An operator's refused message says why in terms of the case: unknown, closed, or not awaited at
 * this step. Workers may not correlate messages at all: the engine refuses them (403).
 */
@ParcoursTest
class MessageRequestGuardTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;

  private EngineRest.Response send(String user, String messageName, String businessKey, Map<String, Object> variables) {
    return EngineRest.as(port, user).post("/engine-rest/message", Map.of(
        "messageName", messageName, "businessKey", businessKey, "processVariables", variables));
  }

  private static Map<String, Object> string(String value) {
    return Map.of("value", value, "type", "String");
  }

  @Test
  void aMessageToAnUnknownCaseSaysSo() {
    EngineRest.Response response = send("demo", "disputeRaised", "RP-1999-999999", Map.of("reason", string("x")));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains("aucun dossier « RP-1999-999999 »");
  }

  @Test
  void aMessageToAClosedCaseSaysSinceWhen() {
    Cases cases = new Cases(engine);
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    cases.complete(pathway, "recordConsent", Cases.consent(false, null));
    EngineRest.Response response = send("demo", "pathwayWithdrawn", cases.businessKey(pathway),
        Map.of("exitReason", string("move")));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains(cases.businessKey(pathway) + " est clos depuis");
  }

  @Test
  void aMessageNotAwaitedAtTheCurrentStepNamesTheStep() {
    Cases cases = new Cases(engine);
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    EngineRest.Response response = send("demo", "synthesisRequested", cases.businessKey(pathway),
        Map.of("requestedBy", string("person"), "reason", string("Point d'étape")));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText())
        .contains("n'attend pas ce message").contains("Recueillir l'adhésion de la personne");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pathway.getId())
        .taskDefinitionKey("holdSynthesisMeeting").count()).isZero();
  }

  @Test
  void aWorkersMessageIsLeftToTheEngineWhichRefusesIt() {
    Cases cases = new Cases(engine);
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    for (String user : new String[] {"ts.strasbourg", "ts.artois"}) {
      EngineRest.Response response = send(user, "pathwayWithdrawn", cases.businessKey(pathway),
          Map.of("exitReason", string("move")));
      assertThat(response.status()).as(response.body()).isEqualTo(403);
      assertThat(response.body()).doesNotContain(pathway.getId());
    }
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pathway.getId())
        .taskDefinitionKey("recordExit").count()).isZero();
  }

  @Test
  void anAwaitedMessageStillGoesThrough() {
    Cases cases = new Cases(engine);
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    EngineRest.Response response = send("demo", "pathwayWithdrawn", cases.businessKey(pathway),
        Map.of("exitReason", string("move")));
    assertThat(response.status()).as(response.body()).isIn(200, 204);
    assertThat(cases.task(pathway, "recordExit")).isNotNull();
  }
}
