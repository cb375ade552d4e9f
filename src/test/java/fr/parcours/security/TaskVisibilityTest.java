package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/** Tasks are visible to their candidate groups only: another territory's workers do not see them. */
@ParcoursTest
class TaskVisibilityTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;

  Task consentInAudomarois;

  @BeforeEach
  void aCaseInAudomarois() {
    Cases cases = new Cases(engine);
    ProcessInstance pathway = cases.start(Cases.referral("audomarois"));
    consentInAudomarois = cases.task(pathway, "recordConsent");
  }

  @Test
  void aPartnerOfArtoisCannotReadATaskOfTheAudomaroisSocialWorkers() {
    EngineRest partner = EngineRest.as(port, "caf.artois");
    assertThat(partner.get("/engine-rest/task/" + consentInAudomarois.getId()).status()).isEqualTo(404);
    assertThat(partner.get("/engine-rest/task/" + consentInAudomarois.getId() + "/variables").status())
        .isIn(403, 404);
    assertThat(partner.get("/engine-rest/task?taskDefinitionKey=recordConsent").json().findValuesAsText("id"))
        .doesNotContain(consentInAudomarois.getId());
  }

  @Test
  void aSocialWorkerOfAnotherTerritoryCannotReadIt() {
    assertThat(EngineRest.as(port, "ts.artois").get("/engine-rest/task/" + consentInAudomarois.getId()).status())
        .isEqualTo(404);
  }

  @Test
  void theSocialWorkersOfAudomaroisReadIt() {
    EngineRest worker = EngineRest.as(port, "ts.audomarois");
    EngineRest.Response task = worker.get("/engine-rest/task/" + consentInAudomarois.getId());
    assertThat(task.status()).as(task.body()).isEqualTo(200);
    assertThat(task.json().path("taskDefinitionKey").asText()).isEqualTo("recordConsent");
    assertThat(worker.get("/engine-rest/task/" + consentInAudomarois.getId() + "/variables").json()
        .path("territory").path("value").asText()).isEqualTo("audomarois");
  }
}
