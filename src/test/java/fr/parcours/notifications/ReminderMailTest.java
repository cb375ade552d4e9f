package fr.parcours.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMail;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;

/**
 * A reminder timer that fires sends an e-mail, through a real SMTP server, to the task's assignee,
 * or to the members of its candidate groups when nobody is assigned: the case reference, the task,
 * its due date and a link to it, nothing about the person. A reminder rolled back sends nothing.
 */
@ParcoursTest
class ReminderMailTest {

  static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  static final Duration CYCLE = Duration.ofDays(7);

  @Autowired ProcessEngine engine;
  @Autowired GreenMail greenMail;
  @Autowired PlatformTransactionManager transactions;
  Cases cases;
  Mailbox mailbox;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
    mailbox = new Mailbox(greenMail);
    ClockUtil.setCurrentTime(Date.from(T0));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anUnassignedTaskIsRemindedToItsTeam() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    String reference = cases.businessKey(pathway);
    Task consent = cases.task(pathway, "recordConsent");

    Cases.moveClockTo(T0.plus(CYCLE).minusSeconds(60));
    cases.executeDueJobs(pathway);
    assertThat(mailbox.about(reference)).as("not before the cycle").isEmpty();

    Cases.moveClockTo(T0.plus(CYCLE).plusSeconds(60));
    cases.executeDueJobs(pathway);

    List<String> team = engine.getIdentityService().createUserQuery().memberOfGroup("ts-artois").list().stream()
        .map(User::getEmail).toList();
    assertThat(team).contains("ts.artois@demo.parcours.invalid", "ts2.artois@demo.parcours.invalid");
    List<Mailbox.Mail> mails = mailbox.about(reference);
    assertThat(mails).extracting(Mailbox.Mail::to).containsExactlyInAnyOrderElementsOf(team);
    String personRef = (String) cases.variable(pathway, "personRef");
    for (Mailbox.Mail mail : mails) {
      assertThat(mail.subject()).isEqualTo("[Parcours] Relance : « Recueillir l'adhésion de la personne » — dossier " + reference);
      assertThat(mail.body()).contains("dossier " + reference, "Échéance : 15/06/2026.", "proposée à votre équipe",
          "http://localhost:8080/camunda/app/tasklist/default/#/?task=" + consent.getId());
      assertThat(mail.subject() + mail.body()).doesNotContain("M. D. 1984", personRef);
    }
  }

  @Test
  void anAssignedTaskIsRemindedToItsAssigneeOnly() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts2.artois");
    String reference = cases.businessKey(pathway);
    cases.holdCommittee(pathway, Cases.decision("admit", "ts2.artois"));
    Instant created = Cases.now();
    int convocations = mailbox.about(reference).size();
    assertThat(convocations).as("the committee's convocations").isPositive();

    Cases.moveClockTo(created.plus(CYCLE).plusSeconds(60));
    cases.executeDueJobs(pathway);

    List<Mailbox.Mail> reminders = mailbox.about(reference).stream()
        .filter(mail -> mail.subject().startsWith("[Parcours] Relance")).toList();
    assertThat(reminders).extracting(Mailbox.Mail::to).containsExactly("ts2.artois@demo.parcours.invalid");
    assertThat(reminders.get(0).subject()).contains("« Contractualiser l'engagement »");
    assertThat(reminders.get(0).body()).contains("Elle vous est attribuée.");
  }

  @Test
  void aReminderRolledBackSendsNothing() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    String reference = cases.businessKey(pathway);
    Cases.moveClockTo(T0.plus(CYCLE).plusSeconds(60));
    Job reminder = cases.dueJobs(pathway).get(0);

    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      engine.getManagementService().executeJob(reminder.getId());
      status.setRollbackOnly();
    });
    assertThat(mailbox.about(reference)).isEmpty();
    assertThat(cases.dueJobs(pathway)).as("the reminder is still due").extracting(Job::getId).containsExactly(reminder.getId());

    cases.executeDueJobs(pathway);
    assertThat(mailbox.about(reference)).isNotEmpty();
  }
}
