package fr.parcours.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.EngineRest.Response;
import fr.parcours.support.ParcoursTest;

/**
 * What the engine's generic API tells of a case one may not read: exactly what it tells of an id
 * that names nothing (404, the same French words, never the id), whether the case is in the caller's
 * département or not; and no server error for an id that names nothing or a task already taken.
 */
@ParcoursTest
class ReadRefusalTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Cases cases;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
  }

  @Test
  void aCaseOneMayNotReadIsAnsweredLikeACaseThatDoesNotExist() {
    ProcessInstance pathway = cases.start(Cases.referral("strasbourg"));
    String made = "00000000-0000-0000-0000-000000000000";
    for (String user : new String[] {"ts.saverne", "pilote.bas-rhin", "ts.artois"}) {
      EngineRest caller = EngineRest.as(port, user);
      for (String path : new String[] {"/process-instance/%s/variables", "/process-instance/%s/activity-instances",
          "/process-instance/%s"}) {
        Response real = caller.get("/engine-rest" + path.formatted(pathway.getId()));
        Response none = caller.get("/engine-rest" + path.formatted(made));
        assertThat(real.status()).as(user + " " + path + " " + real.body()).isEqualTo(404);
        assertThat(none.status()).as(user + " " + path + " (no such case) " + none.body()).isEqualTo(404);
        assertThat(real.body()).doesNotContain(pathway.getId()).isEqualTo(none.body().replace(made, pathway.getId()));
      }
    }
    // who reads the case still reads it
    assertThat(EngineRest.as(port, "ts.strasbourg").get("/engine-rest/process-instance/" + pathway.getId() + "/variables")
        .status()).isEqualTo(200);
  }

  @Test
  void aTaskThatDoesNotExistOrIsAlreadyTakenIsNoServerError() {
    EngineRest worker = EngineRest.as(port, "ts.strasbourg");
    assertThat(worker.get("/engine-rest/task/00000000-0000-0000-0000-000000000000/variables").status()).isEqualTo(404);

    ProcessInstance pathway = cases.start(Cases.referral("strasbourg"));
    Task consent = cases.task(pathway, "recordConsent");
    assertThat(EngineRest.as(port, "ts2.strasbourg").post("/engine-rest/task/" + consent.getId() + "/claim",
        Map.of("userId", "ts2.strasbourg")).status()).isEqualTo(204);

    Response taken = worker.post("/engine-rest/task/" + consent.getId() + "/claim", Map.of("userId", "ts.strasbourg"));
    assertThat(taken.status()).as(taken.body()).isEqualTo(409);
    assertThat(taken.json().path("message").asText()).isEqualTo("Cette tâche est déjà prise en charge par un autre professionnel");
    assertThat(engine.getTaskService().createTaskQuery().taskId(consent.getId()).singleResult().getAssignee())
        .isEqualTo("ts2.strasbourg");
  }
}
