package fr.parcours.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;

/**
 * The reminders of {@code recordConsent}, {@code scheduleCommittee} and {@code signAgreement}: they
 * fire every reminder cycle (R/P7D, application.yaml) while the task stays open, announce a
 * {@link ReminderDue} to its assignee or groups, and leave the task open. Open tasks carry due dates.
 */
@ParcoursTest
@RecordApplicationEvents
class ReminderTimersTest {

  /** A fixed start, far from daylight-saving changes, so due dates are exact. */
  static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  static final Duration CYCLE = Duration.ofDays(7);
  static final Duration MINUTE = Duration.ofMinutes(1);

  @Autowired ProcessEngine engine;
  @Autowired ApplicationEvents events;
  Cases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
    ClockUtil.setCurrentTime(Date.from(T0));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void consentReminderFiresEveryCycleWhileConsentIsAwaited() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    Task consent = cases.task(pathway, "recordConsent");
    assertThat(consent.getDueDate()).hasSameTimeAs(Date.from(T0.plus(Duration.ofDays(14))));
    assertThat(reminderJob(pathway, "recordConsentReminderDue").getDuedate()).hasSameTimeAs(Date.from(T0.plus(CYCLE)));

    // not before the cycle
    moveClockTo(T0.plus(CYCLE).minus(MINUTE));
    assertThat(cases.dueJobs(pathway)).isEmpty();
    assertThat(pathway).hasNotPassed("remindConsent");

    moveClockTo(T0.plus(CYCLE).plus(MINUTE));
    assertThat(cases.dueJobs(pathway)).hasSize(1);
    cases.executeDueJobs(pathway);

    assertThat(pathway).hasPassed("recordConsentReminderDue", "remindConsent", "consentReminded")
        .isWaitingAt("recordConsent");
    assertThat(cases.task(pathway, "recordConsent").getId()).as("the task stays open").isEqualTo(consent.getId());
    List<ReminderDue> reminders = reminders(pathway);
    assertThat(reminders).containsExactly(
        new ReminderDue(cases.businessKey(pathway), consent.getId(), "recordConsent", null, List.of("ts-artois")));

    // the cycle goes on: next reminder one cycle later
    Job next = reminderJob(pathway, "recordConsentReminderDue");
    assertThat(next.getDuedate()).isAfter(ClockUtil.getCurrentTime());
    moveClockTo(T0.plus(CYCLE.multipliedBy(2)).plus(MINUTE));
    cases.executeDueJobs(pathway);
    assertThat(reminders(pathway)).hasSize(2).allMatch(r -> r.taskId().equals(consent.getId()));
    assertThat(pathway).isWaitingAt("recordConsent");

    // once consent is recorded, no reminder is left
    cases.complete(pathway, "recordConsent", Cases.consent(true, null));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pathway.getId())
        .activityId("recordConsentReminderDue").count()).isZero();
  }

  @Test
  void schedulingReminderFiresInTheCommittee() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), null);
    ProcessInstance committee = cases.committee(pathway);
    Task schedule = cases.task(pathway, "scheduleCommittee");
    assertThat(schedule.getDueDate()).hasSameTimeAs(Date.from(T0.plus(Duration.ofDays(14))));
    assertThat(reminderJob(committee, "scheduleCommitteeReminderDue").getDuedate())
        .hasSameTimeAs(Date.from(T0.plus(CYCLE)));

    moveClockTo(T0.plus(CYCLE).minus(MINUTE));
    assertThat(cases.dueJobs(pathway)).isEmpty();

    moveClockTo(T0.plus(CYCLE).plus(MINUTE));
    cases.executeDueJobs(pathway);

    assertThat(committee).hasPassed("scheduleCommitteeReminderDue", "remindScheduling", "schedulingReminded")
        .isWaitingAt("scheduleCommittee");
    assertThat(pathway).isWaitingAt("admissionCommittee");
    assertThat(cases.task(pathway, "scheduleCommittee").getId()).isEqualTo(schedule.getId());
    assertThat(reminders(pathway)).containsExactly(
        new ReminderDue(cases.businessKey(pathway), schedule.getId(), "scheduleCommittee", null, List.of("ctas-artois")));
  }

  @Test
  void agreementReminderGoesToTheReferent() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts2.artois");
    cases.scheduleAndReachCommitteeDay(pathway, 3);
    cases.complete(pathway, "holdCommittee", Cases.decision("admit", "ts2.artois"));
    Instant created = ClockUtil.getCurrentTime().toInstant();
    Task agreement = cases.task(pathway, "signAgreement");
    assertThat(agreement.getAssignee()).isEqualTo("ts2.artois");
    assertThat(agreement.getDueDate())
        .hasSameTimeAs(Date.from(created.atZone(ZoneId.of("Europe/Paris")).plusDays(14).toInstant()));
    assertThat(reminders(pathway)).as("no reminder before the cycle").isEmpty();

    moveClockTo(created.plus(CYCLE).minus(MINUTE));
    assertThat(cases.dueJobs(pathway)).isEmpty();
    moveClockTo(created.plus(CYCLE).plus(MINUTE));
    cases.executeDueJobs(pathway);

    assertThat(pathway).hasPassed("signAgreementReminderDue", "remindAgreement", "agreementReminded")
        .isWaitingAt("signAgreement");
    assertThat(cases.task(pathway, "signAgreement").getId()).isEqualTo(agreement.getId());
    assertThat(reminders(pathway)).containsExactly(
        new ReminderDue(cases.businessKey(pathway), agreement.getId(), "signAgreement", "ts2.artois", List.of()));
  }

  Job reminderJob(ProcessInstance instance, String timerId) {
    return engine.getManagementService().createJobQuery()
        .processInstanceId(instance.getId())
        .activityId(timerId)
        .singleResult();
  }

  List<ReminderDue> reminders(ProcessInstance pathway) {
    String caseReference = cases.businessKey(pathway);
    return events.stream(ReminderDue.class).filter(r -> caseReference.equals(r.caseReference())).toList();
  }

  static void moveClockTo(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }
}
