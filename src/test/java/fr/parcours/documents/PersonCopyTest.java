package fr.parcours.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.identity.Groups;
import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;

/**
 * « Mon parcours », the person's copy of their plan, downloaded over HTTP: not before the agreement
 * is signed (409), then one A4 page in plain French with the référent and how to reach them, the
 * objectives with their dates, the next review and the shared review, what the person may ask at
 * any time and their data rights with the département's data-protection officer; updated by a
 * re-assessment; never the pseudonymous reference, the diagnosis or account ids; 404 to whoever
 * may not read the case.
 */
@ParcoursTest
class PersonCopyTest {

  static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  /** A référent with a professional e-mail address that is not her account id. */
  static final String COORDINATOR = "cmartin-artois";

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Cases cases;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(COORDINATOR).count() == 0) {
      User user = identity.newUser(COORDINATOR);
      user.setFirstName("Claire");
      user.setLastName("Martin");
      user.setEmail("claire.martin@departement.example");
      user.setPassword("demo");
      identity.saveUser(user);
      identity.createMembership(COORDINATOR, Groups.socialWorkers("artois"));
    }
    ClockUtil.setCurrentTime(Date.from(T0));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void offeredFromTheAgreementOnInPlainFrenchAndUpdatedByEachReview() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    String reference = cases.businessKey(pathway);
    cases.complete(pathway, "recordConsent", Cases.consent(true, COORDINATOR));
    cases.complete(pathway, "globalDiagnostic", CaseDocumentsTest.diagnosticWithTwoActions());
    cases.holdCommittee(pathway, Cases.decision("admit", COORDINATOR));

    Download early = download("ts.artois", reference);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.text()).contains("n'existe pas encore", "Contractualiser l'engagement");

    cases.complete(pathway, "signAgreement", Cases.agreement());
    Download copy = download("ts.artois", reference).keep("mon-parcours.pdf");
    assertThat(copy.status()).as(copy.text()).isEqualTo(200);
    assertThat(copy.contentType()).isEqualTo("application/pdf");
    assertThat(copy.disposition()).startsWith("attachment;").contains("filename=\"" + reference + "-mon-parcours.pdf\"");
    assertThat(copy.pages()).as("one page").isEqualTo(1);
    String text = flat(copy.pdfText());
    assertThat(text).contains("Mon parcours", "Pas-de-Calais", "Artois",
        "Ce document est pour vous.",
        // the référent and how to reach them
        "Votre référent de parcours est Claire Martin (Département Pas-de-Calais).",
        "Pour le joindre : claire.martin@departement.example",
        // the objectives with their dates and who helps
        "Trouver un logement adapté.", "Avant le 01/03/2027.", "Avec : CCAS.",
        "Reprendre une formation qualifiante.", "Avant le 15/01/2027.", "Avec : France Travail.", "C'est en cours.",
        // what comes next: the periodic re-assessment (the model's timer) and the shared review at the end of the plan
        "Point sur votre situation avec votre référent : vers le " + day(reassessmentDue(pathway)),
        "Bilan de votre accompagnement avec votre référent : vers le " + day((Date) cases.variable(pathway, "planEndDate")),
        // what the person may ask at any time
        "Une réunion de synthèse", "Un autre référent", "Un désaccord", "Arrêter l'accompagnement",
        // data rights and the département's data-protection officer (configuration)
        "les voir, les faire corriger ou les faire effacer", "gardées 2 ans après la fin",
        "Délégué à la protection des données du Département du Pas-de-Calais",
        "dpo@pas-de-calais.demo.parcours.invalid", "www.cnil.fr");
    assertThat(text).as("no pseudonymous reference, person's label, diagnosis or account ids").doesNotContain(
        (String) cases.variable(pathway, "personRef"), "M. D. 1984", "Cumul de difficultés", "Famille mobilisée",
        COORDINATOR, "ts.artois", "caf.artois", "ft.artois", "housing", "in-progress");

    // the référent hands it out too
    assertThat(download(COORDINATOR, reference).status()).isEqualTo(200);

    // the periodic re-assessment falls due and updates the plan: the copy follows
    Date firstReview = reassessmentDue(pathway);
    Cases.moveClockTo(firstReview.toInstant().plusSeconds(60));
    cases.runDueJobs(pathway);
    cases.complete(cases.task(pathway, "reassessSituation"),
        Cases.reassessment("Point d'étape", "Passer le permis de conduire"));
    String updated = flat(download("ts.artois", reference).pdfText());
    assertThat(updated).contains("Passer le permis de conduire.", "Trouver un logement adapté.",
        "Point sur votre situation avec votre référent : vers le " + day(reassessmentDue(pathway)));
    assertThat(reassessmentDue(pathway)).isAfter(firstReview);
  }

  @Test
  void nobodyElseGetsIt() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    String reference = cases.businessKey(pathway);
    Download copy = download("ts2.artois", reference);
    assertThat(copy.status()).isEqualTo(200);
    assertThat(flat(copy.pdfText())).contains("Votre référent de parcours est Travailleuse sociale Artois");

    for (String outsider : new String[] {"ts.audomarois", "ctas.audomarois", "pilote.pas-de-calais", "ts.strasbourg",
        "dpo.pas-de-calais"}) {
      Download refused = download(outsider, reference);
      assertThat(refused.status()).as(outsider).isEqualTo(404);
      assertThat(refused.text()).contains("Dossier inconnu ou non accessible").doesNotContain("Exception");
    }
    assertThat(download(null, reference).status()).isEqualTo(401);
    assertThat(download("ts.artois", "RP-1999-999999").status()).isEqualTo(404);
  }

  Date reassessmentDue(ProcessInstance pathway) {
    return engine.getManagementService().createJobQuery().processInstanceId(pathway.getId())
        .activityId("reassessmentDue").singleResult().getDuedate();
  }

  static String day(Date date) {
    return DAY.format(date.toInstant().atZone(ZoneId.of("Europe/Paris")));
  }

  /** The text with line breaks as spaces: sentences wrap over lines. */
  static String flat(String text) {
    return text.replaceAll("\\s+", " ");
  }

  Download download(String user, String reference) {
    return Download.of(port, user, reference, "mon-parcours.pdf");
  }
}
