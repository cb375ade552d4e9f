package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.notifications.Notification;
import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * Hardening of the doors around the engine: logins an anonymous caller cannot lock for good,
 * malformed queries answered 400 (not 500), API answers kept out of caches, values that cannot
 * forge log lines or e-mail headers.
 */
@ParcoursTest
@ExtendWith(OutputCaptureExtension.class)
class HardeningTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void wrongPasswordsDelayTheNextLoginButNeverLockTheAccountForGood() {
    IdentityService identityService = engine.getIdentityService();
    String userId = "verrou." + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(userId);
    user.setPassword("bon-mot-de-passe");
    identityService.saveUser(user);
    try {
      Instant now = Instant.now();
      // twelve wrong passwords, each after the previous delay: more than Camunda's default permanent lock (10)
      for (int attempt = 0; attempt < 12; attempt++) {
        now = now.plusSeconds(61);
        ClockUtil.setCurrentTime(Date.from(now));
        assertThat(EngineRest.as(port, userId, "mauvais").get("/engine-rest/task").status()).isEqualTo(401);
      }
      // during the delay the right password is refused too
      assertThat(EngineRest.as(port, userId, "bon-mot-de-passe").get("/engine-rest/task").status()).isEqualTo(401);
      // at most a minute later the user logs in again, without an operator
      ClockUtil.setCurrentTime(Date.from(now.plusSeconds(61)));
      EngineRest.Response again = EngineRest.as(port, userId, "bon-mot-de-passe").get("/engine-rest/task");
      assertThat(again.status()).as(again.body()).isEqualTo(200);
      assertThat(identityService.createUserQuery().userId(userId).singleResult()).isNotNull();
    } finally {
      ClockUtil.reset();
      identityService.deleteUser(userId);
    }
  }

  @Test
  void malformedQueriesAreRefusedWithoutAServerError() {
    Cases cases = new Cases(engine);
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(pathway.getId()).singleResult();
    for (String user : new String[] {"ts.artois", "demo"}) {
      EngineRest rest = EngineRest.as(port, user);
      assertBadRequest(rest.post("/engine-rest/task",
          "{\"orQueries\":[{\"withCandidateGroups\":true,\"withoutCandidateGroups\":true}]}"));
      assertBadRequest(rest.post("/engine-rest/task", "{\"orQueries\":[null]}"));
      assertBadRequest(rest.post("/engine-rest/task/count", "{\"orQueries\":[null]}"));
    }
    // conditions are the operators' (deny by default); theirs, malformed, are their mistake
    EngineRest operator = EngineRest.as(port, "demo");
    assertBadRequest(operator.post("/engine-rest/condition", "{}"));
    assertBadRequest(operator.post("/engine-rest/condition", "{\"variables\":{\"urgent\":{\"value\":true}}}"));
    assertThat(EngineRest.as(port, "ts.artois").post("/engine-rest/condition", "{}").status()).isEqualTo(403);
    // an operator updating a task without its tenant: refused, the task unchanged
    EngineRest.Response update = EngineRest.as(port, "demo").put("/engine-rest/task/" + task.getId(),
        Map.of("name", "Renommée"));
    assertBadRequest(update);
    assertThat(update.body()).doesNotContain(task.getId());
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getName())
        .isEqualTo(task.getName());
  }

  private static void assertBadRequest(EngineRest.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).startsWith("Requête invalide");
  }

  @Test
  void apiAnswersAreNotKeptInCaches() {
    EngineRest worker = EngineRest.as(port, "ts.artois");
    for (String path : new String[] {"/engine-rest/task", "/engine-rest/user/ts.artois/profile",
        "/engine-rest/history/process-instance", "/api/cases/RP-0000-000000/journal"}) {
      HttpResponse<String> answer = worker.exchange("GET", path, null);
      assertThat(answer.headers().allValues("Cache-Control")).as(path).containsExactly("no-store");
    }
    HttpResponse<String> webapp = EngineRest.anonymous(port).exchange("GET", "/camunda/api/engine/engine/default/task", null);
    assertThat(webapp.headers().allValues("Cache-Control")).containsExactly("no-store");
  }

  @Test
  void aValueWithLineBreaksStaysOnOneLogLineAndOneSubjectLine(CapturedOutput output) {
    String forged = "RP-2026-000001\n2026-01-01T00:00:00.000+01:00 ERROR [main] fr.parcours : ligne forgée\r\nX-Header: injecté";
    LoggerFactory.getLogger(HardeningTest.class).info("Dossier {} traité", forged);
    assertThat(output.getAll()).contains("Dossier RP-2026-000001 2026-01-01T00:00:00.000+01:00 ERROR [main] fr.parcours : ligne forgée X-Header: injecté traité");
    assertThat(output.getAll().lines()).noneMatch(line -> line.startsWith("2026-01-01T00:00:00.000+01:00 ERROR"));

    Notification notification = new Notification(forged, "ts.artois", "ts.artois@example.org",
        "[Parcours] Relance — dossier " + forged, "texte\nsur deux lignes");
    assertThat(notification.subject()).doesNotContain("\n").doesNotContain("\r").endsWith("X-Header: injecté");
    assertThat(notification.caseReference()).doesNotContain("\n");
    assertThat(notification.text()).contains("\n");
  }
}
