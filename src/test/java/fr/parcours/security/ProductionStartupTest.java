package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import fr.parcours.ParcoursApplication;

/**
 * Outside the demo profile: no start without the administrator's password, and no user with a
 * known password. Runs its own engine (own name, own in-memory database) beside the shared one.
 */
class ProductionStartupTest {

  private static SpringApplicationBuilder productionLike(String... extraProperties) {
    String[] properties = {
        "spring.datasource.url=jdbc:h2:mem:production-check-" + System.nanoTime(),
        "camunda.bpm.process-engine-name=productionCheck",
        "server.port=0",
        "camunda.bpm.job-execution.enabled=false",
        "camunda.bpm.database.schema-update=true"};
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(properties),
        java.util.Arrays.stream(extraProperties)).toArray(String[]::new);
    return new SpringApplicationBuilder(ParcoursApplication.class)
        .web(WebApplicationType.SERVLET)
        .profiles("production-check")
        .properties(all);
  }

  @Test
  void refusesToStartWithoutTheAdministratorPassword() {
    assertThatThrownBy(() -> productionLike().run().close())
        .hasStackTraceContaining("PARCOURS_ADMIN_PASSWORD");
  }

  @Test
  void startsWithItAndCreatesNoDemoUser() {
    try (ConfigurableApplicationContext context = productionLike("PARCOURS_ADMIN_PASSWORD=s3cret-for-test").run()) {
      IdentityService identity = context.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().list()).extracting("id").containsExactly("admin");
      assertThat(identity.checkPassword("admin", "s3cret-for-test")).isTrue();
      assertThat(identity.createUserQuery().userId("demo").count()).isZero();
    }
  }
}
