package fr.parcours.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * Scheduling a technical committee convenes its participants with an account by e-mail, through a
 * real SMTP server: the CTAS of the territory, the referrer, the référent the person prefers and the
 * interveners with an account; the e-mail names the case reference, the date, the place and the purpose, not
 * the person. A scheduling that is refused or rolled back sends nothing.
 */
@ParcoursTest
class CommitteeConvocationTest {

  /** 08:00 UTC is 10:00 in Paris (summer time). */
  static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

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
  void schedulingConvenesTheParticipantsWithAnAccount() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts2.artois");
    String reference = cases.businessKey(pathway);
    assertThat(mailbox.about(reference)).as("nothing before the scheduling").isEmpty();

    cases.complete(pathway, "scheduleCommittee",
        Cases.schedule(T0, 3).putValue("committeePlace", "Maison du Département, salle 2"));

    List<Mailbox.Mail> mails = mailbox.about(reference);
    assertThat(mails).extracting(Mailbox.Mail::to).containsExactlyInAnyOrder(
        "ctas.artois@demo.parcours.invalid", "ts.artois@demo.parcours.invalid", "ts2.artois@demo.parcours.invalid",
        "caf.artois@demo.parcours.invalid", "ft.artois@demo.parcours.invalid");
    String personRef = (String) cases.variable(pathway, "personRef");
    for (Mailbox.Mail mail : mails) {
      assertThat(mail.from()).isEqualTo("parcours@localhost");
      assertThat(mail.subject()).isEqualTo(
          "[Parcours] Convocation à l'instance technique du 04/06/2026 à 10h00 — dossier " + reference);
      assertThat(mail.body()).contains("dossier " + reference, "jeudi 4 juin 2026 à 10h00",
          "territoire Artois (Pas-de-Calais)", "admission dans la démarche", "Lieu : Maison du Département, salle 2",
          "http://localhost:8080/camunda/app/tasklist/default/");
      assertThat(mail.subject() + mail.body()).as("nothing about the person")
          .doesNotContain("M. D. 1984", personRef, "Cumul", "logement");
    }
  }

  @Test
  void aRefusedOrRolledBackSchedulingSendsNothing() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts2.artois");
    String reference = cases.businessKey(pathway);

    // refused by the input rules: a date in the past
    Cases.assertRefused(() -> cases.complete(pathway, "scheduleCommittee",
        Cases.schedule(T0.minus(10, ChronoUnit.DAYS), 0)), "« Date de l'instance » est dans le passé");
    Cases.assertRefused(() -> cases.complete(pathway, "scheduleCommittee",
        Cases.schedule(T0, 3).putValue("committeePlace", "x".repeat(201))), "« Lieu de l'instance » ne doit pas dépasser 200 caractères");
    // completed, then the transaction it ran in is rolled back
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      cases.complete(pathway, "scheduleCommittee", Cases.schedule(T0, 3));
      assertThat(cases.task(pathway, "scheduleCommittee")).as("completed inside the transaction").isNull();
      status.setRollbackOnly();
    });
    assertThat(cases.task(pathway, "scheduleCommittee")).as("rolled back: still to be scheduled").isNotNull();
    assertThat(mailbox.about(reference)).isEmpty();

    cases.complete(pathway, "scheduleCommittee", Cases.schedule(T0, 3));
    List<Mailbox.Mail> mails = mailbox.about(reference);
    assertThat(mails).hasSize(5);
    assertThat(mails.get(0).body()).as("no place given").contains("Lieu : communiqué par le CTAS du territoire");
  }
}
