package fr.parcours;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.ParcoursTest;
import fr.parcours.support.TestProfiles;

/** The application starts on the database the suite runs for, with authorization and tenants on. */
@ParcoursTest
class ApplicationStartupTest {

  @Autowired ProcessEngine processEngine;

  @Test
  void startsOnTheSelectedDatabaseWithAuthorizationEnabled() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(configuration.getDatabaseType()).isEqualTo(TestProfiles.onPostgres() ? "postgres" : "h2");
    assertThat(configuration.isAuthorizationEnabled()).isTrue();
    assertThat(configuration.isTenantCheckEnabled()).isTrue();
    assertThat(configuration.getTenantIdProvider()).isNotNull();
    assertThat(configuration.getDefaultSerializationFormat()).isEqualTo("application/json");
  }
}
