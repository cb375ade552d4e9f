package fr.parcours.indicators;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.value.JsonValue;

import fr.parcours.support.Cases;

/**
 * A known history, driven through the real processes with the engine clock in 2019–2020, in
 * territories no other test uses (montreuillois and lens-lievin in Pas-de-Calais, haguenau in
 * Bas-Rhin) and years no other test reaches: every indicator of these territories and years is
 * exactly known. Built once per test run (several test classes use it), again when the history
 * cleanup removed part of it.
 *
 * <pre>
 * Montreuillois
 *   C1..C9  referred 2019-02-04 + 14 days × (i−1), admitted after i+1 days, completed in 2019, positive
 *           (C3: the person absent at the review committee; C5: review committee adjourned once,
 *           2 of 4 members and the person absent, then held)
 *   C10     same person as C1, referred 2019-12-16, admitted after 11 days, review committee held
 *           2020-01-02 (person present): completed in 2020, outcome "none" (negative)
 *   R1      referred 2019-07-01, rejected by the admission committee after 3 days
 *   N1      referred 2019-08-01 with one intervener: not eligible, redirected
 *   O1      referred 2019-11-04, admitted after 20 days, in follow-up (coordinatePathway open, due 14 days
 *           after the agreement: overdue at the end of 2019); an intervener with an account outside
 *           every territory group
 *   O2      referred 2019-12-02, waiting for consent (due 2019-12-16: overdue at the end of 2019)
 *   B1      referred 2019-12-31 23:30 Paris time, waiting for consent
 * Lens-Liévin
 *   L1      referred 2020-01-01 00:30 Paris time, admitted after 2 days (4 of 4 members, the person absent)
 * Haguenau (Bas-Rhin)
 *   H1      referred 2019-05-06, waiting for consent
 * Every other committee: 3 of the 4 members invited present, the person present.
 * </pre>
 */
final class IndicatorDataset {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** The person of C1 and C10. */
  static final String RETURNING_PERSON = "IND-MONTREUILLOIS-C01";
  static final String PREFIX = "IND-";
  /** Pathways of the dataset: C1..C10, R1, N1, O1, O2, B1, L1, H1. */
  static final int CASES = 17;
  static final String LAST = "IND-LENS-LIEVIN-L1";
  static final String OUTSIDER = "intervenant.hors-groupe";

  /** Interveners of most cases: one with an account in a territory group, one without account. */
  static final String INTERVENERS = """
      [{"name":"Conseillère CAF","organisation":"CAF","role":"Accès aux droits","userId":"caf.artois"},
       {"name":"Conseiller Mission locale","organisation":"Mission locale","role":"Insertion des jeunes"}]
      """;

  private final ProcessEngine engine;
  private final Cases cases;

  IndicatorDataset(ProcessEngine engine) {
    this.engine = engine;
    this.cases = new Cases(engine);
  }

  static Instant paris(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
  }

  /**
   * Builds the dataset unless it is there, whole: the history cleanup (retention test) removes the
   * cases of 2019 that ended long ago, and the figures are exact only with every case; what is left
   * of an incomplete dataset is deleted first.
   */
  static synchronized void ensure(ProcessEngine engine) {
    long pathways = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("pathway").variableValueLike("personRef", PREFIX + "%").count();
    if (pathways == CASES) {
      return;
    }
    if (pathways > 0) {
      remove(engine);
    }
    try {
      new IndicatorDataset(engine).build();
    } finally {
      ClockUtil.reset();
    }
  }

  private static void remove(ProcessEngine engine) {
    List<String> ids = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .variableValueLike("personRef", PREFIX + "%").list().stream().map(i -> i.getId()).toList();
    List<String> running = engine.getRuntimeService().createProcessInstanceQuery().processInstanceIds(new HashSet<>(ids))
        .list().stream().map(i -> i.getId()).toList();
    if (!running.isEmpty()) {
      engine.getRuntimeService().deleteProcessInstancesIfExists(running, "Jeu d'essai des indicateurs reconstruit",
          true, true, false);
    }
    engine.getHistoryService().deleteHistoricProcessInstancesIfExists(ids);
  }

  private void build() {
    if (engine.getIdentityService().createUserQuery().userId(OUTSIDER).count() == 0) {
      User outsider = engine.getIdentityService().newUser(OUTSIDER);
      outsider.setFirstName("Intervenant");
      outsider.setLastName("Hors groupe");
      engine.getIdentityService().saveUser(outsider);
    }
    Instant first = paris("2019-02-04T09:00");
    for (int i = 1; i <= 9; i++) {
      Instant start = first.plus(14L * (i - 1), ChronoUnit.DAYS);
      ProcessInstance pathway = admitted("IND-MONTREUILLOIS-C%02d".formatted(i), "montreuillois", start, i + 1,
          INTERVENERS, Cases.decision("admit", "ts2.artois"));
      review(pathway, "[\"employment\",\"housing-solution\"]");
      if (i == 5) {
        holdReview(pathway, 2, attendance(2, 4), false, "adjourn");
      }
      holdReview(pathway, 2, attendance(3, 4), i != 3, "close");
    }
    ProcessInstance rejected = atAdmissionCommittee("IND-MONTREUILLOIS-R1", "montreuillois",
        paris("2019-07-01T09:00"), INTERVENERS);
    holdAdmission(rejected, 3, Cases.decision("reject", null));

    moveTo(paris("2019-08-01T09:00"));
    ProcessInstance redirected = cases.start(referral("IND-MONTREUILLOIS-N1", "montreuillois", """
        [{"name":"Assistante sociale CCAS","organisation":"CCAS","role":"Aide sociale"}]
        """));
    cases.complete(redirected, "redirectReferral", Map.of("redirectionNotes", "Orientée vers le CCAS."));

    moveTo(paris("2019-05-06T09:00"));
    cases.start(referral("IND-HAGUENAU-H1", "haguenau", INTERVENERS.replace("caf.artois", "caf.strasbourg")));

    ProcessInstance followed = admitted("IND-MONTREUILLOIS-O1", "montreuillois", paris("2019-11-04T09:00"), 20, """
        [{"name":"Conseillère CAF","organisation":"CAF","role":"Accès aux droits","userId":"caf.artois"},
         {"name":"Intervenant hors groupe","organisation":"Association Rebond","role":"Logement","userId":"%s"}]
        """.formatted(OUTSIDER), Cases.decision("admit", "ts2.artois"));
    assertWaitingAt(followed, "coordinatePathway");

    moveTo(paris("2019-12-02T10:00"));
    cases.start(referral("IND-MONTREUILLOIS-O2", "montreuillois", INTERVENERS));

    ProcessInstance again = admitted(RETURNING_PERSON, "montreuillois", paris("2019-12-16T09:00"), 11,
        INTERVENERS, Cases.decision("admit", "ts2.artois"));
    review(again, "[\"none\"]");
    // review committee on 2020-01-02, six days after the shared review of 2019-12-27
    holdReview(again, 6, attendance(3, 4), true, "close");

    moveTo(paris("2019-12-31T23:30"));
    cases.start(referral("IND-MONTREUILLOIS-B1", "montreuillois", INTERVENERS));

    VariableMap allPresent = Cases.decision("admit", "ts2.artois")
        .putValueTyped("attendance", attendance(4, 4))
        .putValue("personPresent", false);
    admitted(LAST, "lens-lievin", paris("2020-01-01T00:30"), 2, INTERVENERS, allPresent);
  }

  private VariableMap referral(String personRef, String territory, String interveners) {
    return Cases.referral(territory)
        .putValue("personRef", personRef)
        .putValue("referrerId", "ts.artois")
        .putValueTyped("interveners", Cases.json(interveners));
  }

  private ProcessInstance atAdmissionCommittee(String personRef, String territory, Instant start, String interveners) {
    moveTo(start);
    ProcessInstance pathway = cases.start(referral(personRef, territory, interveners));
    cases.complete(pathway, "recordConsent", Cases.consent(true, "ts2.artois"));
    cases.complete(pathway, "globalDiagnostic", Cases.diagnostic());
    return pathway;
  }

  /** Referred at {@code start}, admitted {@code days} days (and a minute) later, agreement signed at once. */
  private ProcessInstance admitted(String personRef, String territory, Instant start, int days, String interveners,
      VariableMap decision) {
    ProcessInstance pathway = atAdmissionCommittee(personRef, territory, start, interveners);
    holdAdmission(pathway, days, decision);
    if ("admit".equals(decision.get("committeeDecision"))) {
      cases.complete(pathway, "signAgreement", Cases.agreement());
    }
    return pathway;
  }

  private void holdAdmission(ProcessInstance pathway, int days, Map<String, Object> decision) {
    Instant now = Cases.now();
    cases.complete(pathway, "scheduleCommittee", Cases.schedule(now, days));
    moveTo(now.plus(days, ChronoUnit.DAYS).plusSeconds(60));
    cases.runDueJobs(pathway);
    cases.complete(pathway, "holdCommittee", decision);
  }

  /** The référent asks for the review at once; every intervener with an account contributes; the review proposes to close. */
  private void review(ProcessInstance pathway, String outcomes) {
    cases.complete(pathway, "coordinatePathway", Map.of());
    for (Task contribution : cases.tasks(pathway, "contributeToReview")) {
      cases.complete(contribution, Cases.contribution("Contribution au bilan."));
    }
    cases.complete(pathway, "prepareSharedReview", Cases.sharedReview(outcomes, "close", null));
  }

  private void holdReview(ProcessInstance pathway, int days, JsonValue attendance, boolean personPresent,
      String decision) {
    Instant now = Cases.now();
    cases.complete(pathway, "scheduleCommittee", Cases.schedule(now, days));
    moveTo(now.plus(days, ChronoUnit.DAYS).plusSeconds(60));
    cases.runDueJobs(pathway);
    cases.complete(pathway, "holdCommittee", Variables.createVariables()
        .putValueTyped("attendance", attendance)
        .putValue("personPresent", personPresent)
        .putValue("committeeDecision", decision)
        .putValue("decisionNotes", "Décision collégiale."));
  }

  /** The four members of {@link Cases#schedule}, the first {@code present} of them present. */
  static JsonValue attendance(int present, int invited) {
    String[][] members = {{"Conseillère CAF", "CAF"}, {"Conseiller France Travail", "France Travail"},
        {"Assistante sociale", "Département"}, {"Éducateur", "ASE"}};
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < invited; i++) {
      json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(members[i][0]).append("\",\"organisation\":\"")
          .append(members[i][1]).append("\",\"present\":").append(i < present).append('}');
    }
    return Cases.json(json.append(']').toString());
  }

  private void assertWaitingAt(ProcessInstance pathway, String taskKey) {
    if (cases.task(pathway, taskKey) == null) {
      throw new IllegalStateException(cases.businessKey(pathway) + " is not waiting at " + taskKey);
    }
  }

  private static void moveTo(Instant instant) {
    Cases.moveClockTo(instant);
  }
}
