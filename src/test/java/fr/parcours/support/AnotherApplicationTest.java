package fr.parcours.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.ParcoursApplication;

/** The suite's Tasklist, Cockpit and Admin keep working after another instance of the application stopped. */
@ParcoursTest
class AnotherApplicationTest {

  @LocalServerPort int port;

  @Test
  void theSuitesWebappsStillAnswerAfterAnotherInstanceStopped() {
    assertThat(webappPages()).containsOnly(200);

    try (AnotherApplication other = AnotherApplication.start(
        new SpringApplicationBuilder(ParcoursApplication.class).web(WebApplicationType.SERVLET),
        // production-like on its own in-memory database, as ProductionStartupTest starts it
        "--spring.profiles.active=production-check",
        "--spring.datasource.url=jdbc:h2:mem:another-" + System.nanoTime(),
        "--camunda.bpm.process-engine-name=another",
        "--PORT=0",
        "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.database.schema-update=true",
        "--PARCOURS_ADMIN_PASSWORD=s3cret-for-test")) {
      assertThat(other.context().isActive()).isTrue();
    }

    assertThat(webappPages()).as("Camunda's webapps keep static state that the other instance cleared").containsOnly(200);
  }

  private java.util.List<Integer> webappPages() {
    EngineRest anonymous = EngineRest.anonymous(port);
    return java.util.stream.Stream.of("tasklist", "cockpit", "admin")
        .map(app -> anonymous.get("/camunda/app/" + app + "/default/").status()).toList();
  }
}
