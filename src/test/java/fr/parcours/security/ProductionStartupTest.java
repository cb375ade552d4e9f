package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.IdentityService;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import fr.parcours.ParcoursApplication;
import fr.parcours.support.AnotherApplication;

/**
 * Outside the demo profile: no start without the administrator's password, and no user with a
 * known password. Runs its own engine (own name, own in-memory database) beside the shared one.
 */
class ProductionStartupTest {

  /** Arguments, not default properties: they must win over application.yaml. */
  private static String[] arguments(String... extra) {
    return Stream.concat(Stream.of(
        "--spring.profiles.active=production-check",
        "--spring.datasource.url=jdbc:h2:mem:production-check-" + System.nanoTime(),
        "--camunda.bpm.process-engine-name=productionCheck",
        "--PORT=0",
        "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.database.schema-update=true"), Stream.of(extra)).toArray(String[]::new);
  }

  private static SpringApplicationBuilder productionLike() {
    return new SpringApplicationBuilder(ParcoursApplication.class).web(WebApplicationType.SERVLET);
  }

  @Test
  void refusesToStartWithoutTheAdministratorPassword() {
    assertThatThrownBy(() -> AnotherApplication.start(productionLike(), arguments()).close())
        .hasStackTraceContaining("PARCOURS_ADMIN_PASSWORD");
  }

  @Test
  void startsWithItAndCreatesNoDemoUser() {
    try (AnotherApplication context = AnotherApplication.start(productionLike(), arguments("--PARCOURS_ADMIN_PASSWORD=s3cret-for-test"))) {
      IdentityService identity = context.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().list()).extracting("id").containsExactly("admin");
      assertThat(identity.checkPassword("admin", "s3cret-for-test")).isTrue();
      assertThat(identity.createUserQuery().userId("demo").count()).isZero();
    }
  }
}
