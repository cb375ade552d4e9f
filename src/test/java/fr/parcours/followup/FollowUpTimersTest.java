package fr.parcours.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;
import fr.parcours.validation.InvalidCaseInputException;

/**
 * Follow-up driven by its timers, with a moved clock: the periodic re-evaluation every
 * {@code reviewCycle} (P2M) and the end of the plan at {@code planEndDate} (P6M); and the référent
 * ending the follow-up early.
 */
@ParcoursTest
class FollowUpTimersTest {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Autowired ProcessEngine engine;
  Cases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void twoReviewCyclesAskTheReferentToReassessAndTheReassessmentUpdatesTheActionPlan() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    Instant start = Cases.now();
    assertThat(pathway).isWaitingAt("coordinatePathway");

    // The first cycle falls due two months after the start of the follow-up, not before.
    Instant firstCycle = reviewCycleTimer(pathway).getDuedate().toInstant();
    assertThat(firstCycle).isBetween(start.plus(58, ChronoUnit.DAYS), start.plus(63, ChronoUnit.DAYS));
    Cases.moveClockTo(firstCycle.minusSeconds(60));
    assertThat(cases.runDueJobs(pathway)).isZero();
    assertThat(cases.tasks(pathway, "reassessSituation")).isEmpty();

    // First cycle: one reassessment for the référent, the coordination goes on.
    Cases.moveClockTo(firstCycle.plusSeconds(60));
    assertThat(cases.runDueJobs(pathway)).isEqualTo(1);
    assertThat(pathway).isWaitingAt("coordinatePathway", "reassessSituation");
    Task first = cases.task(pathway, "reassessSituation");
    assertThat(first.getAssignee()).isEqualTo("ts2.artois");

    cases.complete(first, Cases.reassessment("Logement trouvé, emploi à travailler.", "Inscription à France Travail"));
    SpinJsonNode actionPlan = (SpinJsonNode) cases.variable(pathway, "actionPlan");
    assertThat(actionPlan.elements()).hasSize(2);
    assertThat(actionPlan.elements().get(0).prop("status").stringValue()).isEqualTo("in-progress");
    assertThat(actionPlan.elements().get(1).prop("label").stringValue()).isEqualTo("Inscription à France Travail");
    assertThat(cases.variable(pathway, "reassessmentNotes")).isEqualTo("Logement trouvé, emploi à travailler.");
    assertThat(pathway).isWaitingAt("coordinatePathway").hasPassed("situationReassessed");

    // Second cycle, two months later: a second reassessment, again for the référent.
    Instant secondCycle = reviewCycleTimer(pathway).getDuedate().toInstant();
    assertThat(secondCycle).isBetween(firstCycle.plus(58, ChronoUnit.DAYS), firstCycle.plus(63, ChronoUnit.DAYS));
    Cases.moveClockTo(secondCycle.minusSeconds(60));
    assertThat(cases.runDueJobs(pathway)).isZero();
    Cases.moveClockTo(secondCycle.plusSeconds(60));
    assertThat(cases.runDueJobs(pathway)).isEqualTo(1);
    Task second = cases.task(pathway, "reassessSituation");
    assertThat(second.getAssignee()).isEqualTo("ts2.artois");
    assertThat(second.getId()).isNotEqualTo(first.getId());
    cases.complete(second, Cases.reassessment("Emploi : atelier CV.", "Atelier CV"));

    assertThat(((SpinJsonNode) cases.variable(pathway, "actionPlan")).elements().get(1).prop("label").stringValue())
        .isEqualTo("Atelier CV");
    assertThat(historicTasks(pathway, "reassessSituation")).hasSize(2)
        .allMatch(task -> "ts2.artois".equals(task.getAssignee()));
    assertThat(pathway).isWaitingAt("coordinatePathway");
  }

  @Test
  void reassessmentWithoutNotesOrActionPlanIsRefused() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    reachNextReviewCycle(pathway);
    Task reassessment = cases.task(pathway, "reassessSituation");

    assertThatThrownBy(() -> cases.complete(reassessment,
        Map.of("actionPlan", Cases.json("[{\"label\":\"Sans porteur\"}]"))))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("« Réévaluation de la situation » est obligatoire")
        .hasMessageContaining("« Plan d'action (objectifs) », ligne 1 : « Porté par » est obligatoire");
    assertThat(cases.task(pathway, "reassessSituation")).isNotNull();
    assertThat(((SpinJsonNode) cases.variable(pathway, "actionPlan")).elements()).hasSize(1);
  }

  @Test
  void planEndInterruptsTheCoordinationAndOpensTheSharedReview() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    Instant start = Cases.now();
    Date planEnd = (Date) cases.variable(pathway, "planEndDate");
    assertThat(planEnd.toInstant()).isEqualTo(start.atZone(PARIS).plus(Period.parse("P6M")).toInstant());

    // The day before: still in follow-up (the reassessments asked on the way are done).
    Cases.moveClockTo(planEnd.toInstant().minus(1, ChronoUnit.DAYS));
    cases.runDueJobs(pathway);
    cases.tasks(pathway, "reassessSituation")
        .forEach(task -> cases.complete(task, Cases.reassessment("Point d'étape.", "Objectif")));
    assertThat(pathway).isWaitingAt("coordinatePathway");

    // (The third cycle may fall due within the same hour, depending on the time zone of the timers:
    // the plan end takes it away with the follow-up.)
    Cases.moveClockTo(planEnd.toInstant().plusSeconds(60));
    assertThat(cases.runDueJobs(pathway)).isPositive();

    assertThat(pathway).hasPassed("planEndReached", "followUpTimedOut").hasNotPassed("followUpEnded")
        .isWaitingAt("contributeToReview");
    assertThat(cases.tasks(pathway, "coordinatePathway")).isEmpty();
    assertThat(cases.tasks(pathway, "contributeToReview")).extracting(Task::getAssignee)
        .containsExactlyInAnyOrder("caf.artois", "ft.artois");
    // The follow-up is over: no more re-evaluation.
    Cases.moveClockTo(afterMonths(planEnd.toInstant(), 4));
    assertThat(cases.runDueJobs(pathway)).isZero();
    assertThat(cases.tasks(pathway, "reassessSituation")).isEmpty();
  }

  @Test
  void planEndOpensTheSharedReviewEvenWithAReassessmentStillOpen() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    Date planEnd = (Date) cases.variable(pathway, "planEndDate");
    reachNextReviewCycle(pathway);
    cases.complete(cases.task(pathway, "reassessSituation"), Cases.reassessment("Premier cycle.", "Objectif"));
    reachNextReviewCycle(pathway);
    assertThat(pathway).isWaitingAt("coordinatePathway", "reassessSituation");

    Cases.moveClockTo(planEnd.toInstant().plusSeconds(60));
    cases.runDueJobs(pathway);

    assertThat(pathway).hasPassed("followUpTimedOut").isWaitingAt("contributeToReview");
    assertThat(cases.tasks(pathway, "reassessSituation")).isEmpty();
    assertThat(cases.tasks(pathway, "coordinatePathway")).isEmpty();
  }

  @Test
  void completingTheCoordinationEarlyOpensTheSharedReview() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    Cases.moveClockTo(Cases.now().plus(20, ChronoUnit.DAYS));

    cases.complete(pathway, "coordinatePathway", Map.of("coordinationNotes", "Objectifs atteints plus tôt."));

    assertThat(pathway).hasPassed("coordinatePathway", "followUpEnded", "followUp").hasNotPassed("planEndReached")
        .isWaitingAt("contributeToReview");
    assertThat(cases.variable(pathway, "coordinationNotes")).isEqualTo("Objectifs atteints plus tôt.");
    // The follow-up's timers are gone with it.
    Cases.moveClockTo(afterMonths(Cases.now(), 7));
    assertThat(cases.runDueJobs(pathway)).isZero();
    assertThat(cases.tasks(pathway, "reassessSituation")).isEmpty();
  }

  @Test
  void completingTheCoordinationEarlyOpensTheSharedReviewEvenWithAReassessmentStillOpen() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    reachNextReviewCycle(pathway);
    assertThat(pathway).isWaitingAt("coordinatePathway", "reassessSituation");

    cases.complete(pathway, "coordinatePathway", Map.of());

    assertThat(pathway).hasPassed("followUpEnded").isWaitingAt("contributeToReview");
    assertThat(cases.tasks(pathway, "reassessSituation")).isEmpty();
  }

  Job reviewCycleTimer(ProcessInstance pathway) {
    return engine.getManagementService().createJobQuery()
        .processInstanceId(pathway.getId()).activityId("reassessmentDue").singleResult();
  }

  /** Moves the clock just past the next periodic re-evaluation and runs it. */
  void reachNextReviewCycle(ProcessInstance pathway) {
    int open = cases.tasks(pathway, "reassessSituation").size();
    Cases.moveClockTo(reviewCycleTimer(pathway).getDuedate().toInstant().plusSeconds(60));
    cases.runDueJobs(pathway);
    assertThat(cases.tasks(pathway, "reassessSituation")).hasSize(open + 1);
  }

  /** A moment safely after {@code months} months from {@code start}, whatever the time zone of the timers. */
  static Instant afterMonths(Instant start, int months) {
    return start.atZone(PARIS).plusMonths(months).plusDays(1).toInstant();
  }

  List<HistoricTaskInstance> historicTasks(ProcessInstance pathway, String taskKey) {
    return engine.getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceId(pathway.getId()).taskDefinitionKey(taskKey).list();
  }
}
