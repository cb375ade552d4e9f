package fr.parcours.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import fr.parcours.ParcoursApplication;
import fr.parcours.models.ModelContract.Processes;
import fr.parcours.support.AnotherApplication;

/**
 * The demo seeding as {@code ./mvnw spring-boot:run} does it on a first start (demo profile, a
 * short history), in an application of its own (own engine, own in-memory database) beside the
 * shared one: the history and the sample cases are written before the web server starts, the
 * clock is back to now, and a second pass writes nothing.
 */
class DemoDataTest {

  static final int HISTORY_CASES = 12;

  static AnotherApplication demo;
  static final AtomicReference<Boolean> doneWhenTheWebServerStarted = new AtomicReference<>();
  static Instant started;

  @BeforeAll
  static void firstStart() {
    started = Instant.now();
    ApplicationListener<WebServerInitializedEvent> webServerStarted = event ->
        doneWhenTheWebServerStarted.compareAndSet(null, event.getApplicationContext().getBean(DemoData.class).isDone());
    demo = AnotherApplication.start(new SpringApplicationBuilder(ParcoursApplication.class).web(WebApplicationType.SERVLET)
        .listeners(webServerStarted),
        "--spring.profiles.active=demo",
        "--spring.datasource.url=jdbc:h2:mem:demo-data-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
        "--camunda.bpm.process-engine-name=demoData",
        "--PORT=0",
        "--camunda.bpm.job-execution.enabled=false",
        "--parcours.demo.history-cases=" + HISTORY_CASES,
        "--parcours.demo.history-months=12");
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  HistoryService history() {
    return demo.getBean(ProcessEngine.class).getHistoryService();
  }

  List<HistoricProcessInstance> pathways(String personRefPrefix) {
    return history().createHistoricProcessInstanceQuery().processDefinitionKey(Processes.PATHWAY)
        .variableValueLike("personRef", personRefPrefix + "%").list();
  }

  @Test
  void everythingIsWrittenBeforeTheWebServerStartsAndTheClockIsBackToNow() {
    assertThat(doneWhenTheWebServerStarted.get()).isTrue();
    assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), Instant.now()).abs())
        .isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void theHistorySpreadsOverThePastMonths() {
    List<HistoricProcessInstance> cases = pathways(DemoHistory.PREFIX);
    assertThat(cases).hasSize(HISTORY_CASES);
    Instant monthAgo = started.minus(30, ChronoUnit.DAYS);
    assertThat(cases).allSatisfy(c -> assertThat(c.getStartTime().toInstant()).isBefore(started.minus(2, ChronoUnit.DAYS)));
    assertThat(cases).anySatisfy(c -> assertThat(c.getStartTime().toInstant()).isBefore(monthAgo));
    // some stories went through the committee and the agreement, some to their end
    assertThat(cases).anySatisfy(c -> assertThat(c.getEndTime()).isNotNull());
    List<String> ids = cases.stream().map(HistoricProcessInstance::getId).toList();
    assertThat(history().createHistoricActivityInstanceQuery().activityId("signAgreement").finished().list())
        .filteredOn(a -> ids.contains(a.getProcessInstanceId()))
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.getEndTime().toInstant()).isBefore(started));
    // nothing of the history is dated after the start of the application
    assertThat(history().createHistoricActivityInstanceQuery().startedAfter(java.util.Date.from(started)).list())
        .allSatisfy(a -> assertThat(a.getRootProcessInstanceId()).isIn(pathways(DemoCases.PREFIX).stream()
            .map(HistoricProcessInstance::getId).toList()).as("started now: only the sample cases"));
  }

  @Test
  void theSampleCasesAreOfTodayAndDoneByTheDemoUsers() {
    List<HistoricProcessInstance> cases = pathways(DemoCases.PREFIX);
    assertThat(cases).hasSize(4).allSatisfy(c -> assertThat(c.getStartTime().toInstant()).isAfterOrEqualTo(
        started.truncatedTo(ChronoUnit.SECONDS)));
    ProcessEngine engine = demo.getBean(ProcessEngine.class);
    HistoricProcessInstance followUp = cases.stream()
        .filter(c -> "DEMO-0004".equals(engine.getHistoryService().createHistoricVariableInstanceQuery()
            .processInstanceId(c.getId()).variableName("personRef").singleResult().getValue()))
        .findFirst().orElseThrow();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(followUp.getId())
        .taskDefinitionKey("coordinatePathway").taskAssignee("ts2.artois").count()).isEqualTo(1);
    List<String> completedBy = engine.getHistoryService().createUserOperationLogQuery()
        .processInstanceId(followUp.getId()).entityType(EntityTypes.TASK)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
        .map(UserOperationLogEntry::getUserId).distinct().toList();
    assertThat(completedBy).contains("ts.artois", "ts2.artois");
  }

  @Test
  void aRestartWritesNothingMore() {
    DemoData data = demo.getBean(DemoData.class);
    long before = history().createHistoricProcessInstanceQuery().count();
    data.start();
    assertThat(history().createHistoricProcessInstanceQuery().count()).isEqualTo(before);
  }
}
