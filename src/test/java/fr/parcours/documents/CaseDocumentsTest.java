package fr.parcours.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;

/**
 * The documents handed to the person, downloaded over HTTP as the demo users: the signed agreement
 * and the committee's decision are PDF files with the case's reference, the person's label, the
 * référent and the action plan as signed; before they exist, 409 with a French message; to anyone
 * who may not read the case, 404; without credentials, 401.
 */
@ParcoursTest
class CaseDocumentsTest {

  static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Cases cases;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
    ClockUtil.setCurrentTime(Date.from(T0));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void agreementAndDecisionAreHandedOutOnceTheyExist() throws IOException {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    String reference = cases.businessKey(pathway);
    cases.complete(pathway, "recordConsent", Cases.consent(true, "ts2.artois"));
    cases.complete(pathway, "globalDiagnostic", diagnosticWithTwoActions());

    // nothing decided, nothing signed yet
    Download early = download("ts.artois", reference, "agreement.pdf");
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.text()).contains("n'est pas encore signé").contains(reference);
    Download noDecision = download("ts.artois", reference, "committee-decision.pdf");
    assertThat(noDecision.status()).isEqualTo(409);
    assertThat(noDecision.text()).contains("Aucune décision d'instance technique");

    cases.holdCommittee(pathway, Cases.decision("admit", "ts2.artois"));

    Download decision = download("ts.artois", reference, "committee-decision.pdf");
    assertThat(decision.status()).as(decision.text()).isEqualTo(200);
    assertThat(decision.contentType()).isEqualTo("application/pdf");
    assertThat(decision.disposition()).startsWith("attachment;").contains(reference + "-decision-instance.pdf");
    String decisionText = decision.pdfText();
    assertThat(decisionText).contains("Décision de l'instance technique", reference, "M. D. 1984", "Artois",
        "Pas-de-Calais", "Admission dans la démarche", "Travailleuse sociale Artois", "6 mois", "Décision collégiale.",
        "02/06/2026");
    assertThat(decisionText).as("no pseudonymous reference, no diagnosis, no account ids")
        .doesNotContain(personRef(pathway), "Cumul", "ts2.artois");
    assertThat(download("ts.artois", reference, "agreement.pdf").status()).as("admitted, not yet signed").isEqualTo(409);

    cases.complete(pathway, "signAgreement", Cases.agreement());
    // the plan changes after the signature (a synthesis meeting, an hour later): the agreement shows the plan as signed
    Cases.moveClockTo(Cases.now().plusSeconds(3600));
    cases.correlate(pathway, "synthesisRequested", Cases.synthesisRequest("coordinator", "Point d'étape"));
    cases.complete(cases.task(pathway, "holdSynthesisMeeting"), Cases.synthesisMeeting("Nouvel objectif ajouté après coup"));

    for (String worker : new String[] {"ts.artois", "ts2.artois", "ctas.artois"}) {
      Download agreement = download(worker, reference, "agreement.pdf");
      assertThat(agreement.status()).as(worker + ": " + agreement.text()).isEqualTo(200);
      assertThat(agreement.contentType()).isEqualTo("application/pdf");
      assertThat(agreement.disposition()).startsWith("attachment;").contains("filename=\"" + reference + "-contrat.pdf\"");
      String text = agreement.pdfText();
      assertThat(text).contains("Contrat d'engagement réciproque", reference, "M. D. 1984", "Artois", "Pas-de-Calais",
          "Travailleuse sociale Artois", "01/12/2026", "Trouver un logement adapté", "CCAS", "01/03/2027", "Logement",
          "Reprendre une formation qualifiante", "France Travail", "15/01/2027", "Emploi / insertion",
          "Conseillère CAF", "Conseiller France Travail", "Accès aux droits");
      assertThat(text).doesNotContain("Nouvel objectif ajouté après coup", personRef(pathway), "caf.artois", "Cumul");
    }
  }

  @Test
  void nobodyElseGetsTheDocuments() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    String reference = cases.businessKey(pathway);
    assertThat(download("ts.artois", reference, "agreement.pdf").status()).isEqualTo(200);

    for (String outsider : new String[] {"ts.audomarois", "ctas.audomarois", "pilote.pas-de-calais", "ts.strasbourg"}) {
      for (String document : new String[] {"agreement.pdf", "committee-decision.pdf"}) {
        Download refused = download(outsider, reference, document);
        assertThat(refused.status()).as(outsider + " " + document).isEqualTo(404);
        assertThat(refused.text()).contains("Dossier inconnu ou non accessible").doesNotContain("Exception");
      }
    }
    assertThat(download(null, reference, "agreement.pdf").status()).isEqualTo(401);
    assertThat(download(null, reference, "committee-decision.pdf").status()).isEqualTo(401);
    assertThat(download("ts.artois", "RP-1999-999999", "agreement.pdf").status()).isEqualTo(404);
    assertThat(download("ts.artois", reference, "committee-decision.pdf?sitting=unknown").status()).isEqualTo(404);
  }

  @Test
  void theLatestSittingIsTheDefaultAndAnEarlierOneCanBeAsked() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts2.artois");
    String reference = cases.businessKey(pathway);
    VariableMap adjourned = Cases.decision("adjourn", null);
    adjourned.putValue("decisionNotes", "Situation à compléter par la CAF.");
    cases.holdCommittee(pathway, adjourned);
    String firstSitting = engine.getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceBusinessKey(reference).taskDefinitionKey("holdCommittee").finished().singleResult().getId();
    // rescheduled an hour later, with a place this time
    Instant now = Cases.now().plusSeconds(3600);
    Cases.moveClockTo(now);
    cases.complete(pathway, "scheduleCommittee",
        Cases.schedule(now, 1).putValue("committeePlace", "Maison du Département d'Arras"));
    Cases.moveClockTo(now.plus(1, ChronoUnit.DAYS).plusSeconds(60));
    cases.runDueJobs(pathway);
    cases.complete(pathway, "holdCommittee", Cases.decision("admit", "ts2.artois"));

    String latest = download("ctas.artois", reference, "committee-decision.pdf").pdfText();
    assertThat(latest).contains("Admission dans la démarche", "Travailleuse sociale Artois",
        "Maison du Département d'Arras").doesNotContain("Situation à compléter");
    String earlier = download("ctas.artois", reference, "committee-decision.pdf?sitting=" + firstSitting).pdfText();
    assertThat(earlier).contains("Instance ajournée", "Situation à compléter par la CAF.")
        .doesNotContain("Travailleuse sociale Artois", "Maison du Département");
  }

  static VariableMap diagnosticWithTwoActions() {
    return Variables.createVariables()
        .putValue("diagnosisSummary", "Cumul de difficultés de logement et d'emploi.")
        .putValue("strengths", "Famille mobilisée")
        .putValueTyped("actionPlan", Cases.json("""
            [{"id":"o1","label":"Trouver un logement adapté","domain":"housing","ownerName":"CCAS","dueDate":"2027-03-01","status":"planned"},
             {"id":"o2","label":"Reprendre une formation qualifiante","domain":"employment","ownerName":"France Travail","dueDate":"2027-01-15","status":"in-progress"}]
            """))
        .putValue("plannedDuration", "P6M")
        .putValue("reviewCycle", "P2M");
  }

  String personRef(ProcessInstance pathway) {
    return (String) cases.variable(pathway, "personRef");
  }

  Download download(String user, String reference, String document) {
    return Download.of(port, user, reference, document);
  }
}
