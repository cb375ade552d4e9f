package fr.parcours.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;

/**
 * Retention: every definition keeps the history of a case two years (configured) after the case
 * ended, and the history cleanup, scheduled at night, removes an expired case and keeps the others.
 */
@ParcoursTest
class RetentionTest {

  static final int RETENTION_DAYS = 730;

  @Autowired ProcessEngine engine;
  Cases cases;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void everyDefinitionHasTheConfiguredTimeToLiveAndTheCleanupRunsAtNight() {
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().list())
        .extracting(ProcessDefinition::getHistoryTimeToLive).containsOnly(RETENTION_DAYS);
    assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().list())
        .extracting(DecisionDefinition::getHistoryTimeToLive).containsOnly(RETENTION_DAYS);
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("06:00");
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
    assertThat(configuration.isEnableHistoricInstancePermissions()).isTrue();
  }

  @Test
  void cleanupRemovesAnExpiredCaseAndKeepsTheLiveAndTheRecentOnes() {
    Instant now = Cases.now();
    Cases.moveClockTo(now.minus(RETENTION_DAYS + 30, ChronoUnit.DAYS));
    ProcessInstance expired = cases.start(Cases.referral("artois"));
    cases.complete(expired, "recordConsent", Cases.consent(false, null));
    ProcessInstance live = cases.start(Cases.referral("artois"));
    ClockUtil.reset();
    ProcessInstance recent = cases.start(Cases.referral("audomarois"));
    cases.complete(recent, "recordConsent", Cases.consent(false, null));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(expired.getId())
        .singleResult().getRemovalTime()).isBefore(ClockUtil.getCurrentTime());
    assertThat(grantsOnHistory(expired)).isPositive();

    // each run removes a batch per kind of history (500 rows): as in the night window, run it until
    // it has nothing left of the expired case (the shared test database holds other expired cases)
    for (int run = 0; run < 50 && remains(expired); run++) {
      Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
      engine.getManagementService().executeJob(cleanup.getId());
    }

    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(expired.getId()).count())
        .as("expired case").isZero();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(expired.getId()).count())
        .isZero();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(expired.getId()).count())
        .isZero();
    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(expired.getId()).count())
        .isZero();
    assertThat(grantsOnHistory(expired)).as("grants on the expired history").isZero();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(live.getId()).count())
        .as("running case").isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(live.getId()).count())
        .isPositive();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(recent.getId()).count())
        .as("case ended today").isEqualTo(1);
  }

  boolean remains(ProcessInstance instance) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).count() > 0
        || engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).count() > 0
        || engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).count() > 0
        || engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(instance.getId()).count() > 0
        || grantsOnHistory(instance) > 0;
  }

  long grantsOnHistory(ProcessInstance instance) {
    return engine.getAuthorizationService().createAuthorizationQuery()
        .resourceType(Resources.HISTORIC_PROCESS_INSTANCE).resourceId(instance.getId()).count();
  }
}
