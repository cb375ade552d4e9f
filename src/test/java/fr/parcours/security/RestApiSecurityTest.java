package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

@ParcoursTest
class RestApiSecurityTest {

  @LocalServerPort
  int port;

  @Test
  void anonymousCallsAreRefused() {
    EngineRest anonymous = EngineRest.anonymous(port);
    assertThat(anonymous.get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(anonymous.get("/engine-rest/process-definition").status()).isEqualTo(401);
    assertThat(anonymous.post("/engine-rest/message", "{\"messageName\":\"pathwayWithdrawn\"}").status())
        .isEqualTo(401);
  }

  @Test
  void badCredentialsAreRefused() {
    // A wrong password also makes Camunda delay that user's next logins: use a user no other test needs.
    assertThat(EngineRest.as(port, "ft.saverne", "wrong").get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(EngineRest.as(port, "nobody", "demo").get("/engine-rest/task").status()).isEqualTo(401);
  }

  @Test
  void demoUsersAreServed() {
    EngineRest.Response tasks = EngineRest.as(port, "ts.artois").get("/engine-rest/task");
    assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
    assertThat(EngineRest.as(port, "demo").get("/engine-rest/process-definition").status()).isEqualTo(200);
  }

  @Test
  void healthIsPublicAndReportsTheEngine() {
    EngineRest.Response health = EngineRest.anonymous(port).get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("UP");
    assertThat(health.json().path("components").fieldNames()).as(health.body()).toIterable()
        .contains("db", "processEngine");
  }

  @Test
  void prometheusMetricsAreForOperators() {
    EngineRest.Response metrics = EngineRest.as(port, "demo").get("/actuator/prometheus");
    assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");

    for (String path : new String[] {"/actuator/prometheus", "/actuator;x/prometheus", "/actuator/metrics", "/actuator"}) {
      EngineRest.Response anonymous = EngineRest.anonymous(port).get(path);
      assertThat(anonymous.status()).as(path + " " + anonymous.body()).isEqualTo(401);
      assertThat(anonymous.body()).doesNotContain("jvm_memory_used_bytes");
      EngineRest.Response worker = EngineRest.as(port, "ts.artois").get(path);
      assertThat(worker.status()).as(path + " " + worker.body()).isEqualTo(403);
    }
  }

  @Test
  void healthDetailsAreForOperators() {
    EngineRest.Response anonymous = EngineRest.anonymous(port).get("/actuator/health");
    assertThat(anonymous.json().path("components").path("db").has("details")).as(anonymous.body()).isFalse();
    EngineRest.Response operator = EngineRest.as(port, "demo").get("/actuator/health");
    assertThat(operator.json().path("components").path("db").path("details").path("database").asText())
        .as(operator.body()).isNotEmpty();
  }
}
