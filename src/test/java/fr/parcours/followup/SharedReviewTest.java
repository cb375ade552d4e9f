package fr.parcours.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;
import fr.parcours.validation.InvalidCaseInputException;

/**
 * The shared review (bilan partagé): one contribution per intervener who has an account, the
 * référent prepares the review with the person, the committee (purpose review) closes or extends.
 */
@ParcoursTest
class SharedReviewTest {

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
  void withoutAnyIntervenerWithAnAccountTheReferentPreparesTheReviewAtOnce() {
    VariableMap referral = Cases.referral("artois").putValueTyped("interveners", Cases.json("""
        [{"name":"Assistante sociale CCAS","organisation":"CCAS","role":"Aide sociale"},
         {"name":"Bénévole","organisation":"Secours populaire","role":"Aide alimentaire","userId":""}]
        """));
    ProcessInstance pathway = cases.startInFollowUp(referral, "ts2.artois");

    cases.complete(pathway, "coordinatePathway", Map.of());

    assertThat(pathway).isWaitingAt("prepareSharedReview");
    assertThat(cases.tasks(pathway, "contributeToReview")).isEmpty();
    assertThat(cases.task(pathway, "prepareSharedReview").getAssignee()).isEqualTo("ts2.artois");
    assertThat(cases.variable(pathway, "reviewContributions")).isNull();
  }

  @Test
  void oneIntervenerWithAnAccountContributesAndTheContributionIsKept() {
    VariableMap referral = Cases.referral("artois").putValueTyped("interveners", Cases.json("""
        [{"name":"Conseillère CAF","organisation":"CAF","role":"Accès aux droits","userId":"caf.artois"},
         {"name":"Assistante sociale CCAS","organisation":"CCAS","role":"Aide sociale"}]
        """));
    ProcessInstance pathway = cases.startInFollowUp(referral, "ts2.artois");
    cases.complete(pathway, "coordinatePathway", Map.of());

    Task contribution = cases.task(pathway, "contributeToReview");
    assertThat(contribution.getAssignee()).isEqualTo("caf.artois");
    assertThatThrownBy(() -> cases.complete(contribution, Map.of("contribution", "")))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class).hasMessageContaining("« Votre contribution au bilan partagé » est obligatoire");
    cases.complete(contribution, Cases.contribution("Droits RSA et APL ouverts."));

    assertThat(pathway).isWaitingAt("prepareSharedReview");
    List<SpinJsonNode> kept = contributions(pathway);
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).prop("userId").stringValue()).isEqualTo("caf.artois");
    assertThat(kept.get(0).prop("contribution").stringValue()).isEqualTo("Droits RSA et APL ouverts.");
    assertThat(Instant.parse(kept.get(0).prop("date").stringValue())).isEqualTo(Cases.now());
  }

  @Test
  void threeIntervenersContributeInParallelThenTheReviewClosesThePathwayWithAPositiveEvolution() {
    VariableMap referral = Cases.referral("artois").putValueTyped("interveners", Cases.json("""
        [{"name":"Conseillère CAF","organisation":"CAF","role":"Accès aux droits","userId":"caf.artois"},
         {"name":"Conseiller France Travail","organisation":"France Travail","role":"Emploi","userId":"ft.artois"},
         {"name":"Travailleuse sociale","organisation":"Département","role":"Parentalité","userId":"ts2.artois"}]
        """));
    ProcessInstance pathway = cases.startInFollowUp(referral, "ts.artois");
    cases.complete(pathway, "coordinatePathway", Map.of());

    assertThat(cases.tasks(pathway, "contributeToReview")).extracting(Task::getAssignee)
        .containsExactlyInAnyOrder("caf.artois", "ft.artois", "ts2.artois");
    cases.complete(cases.task(pathway, "contributeToReview", "ft.artois"), Cases.contribution("Inscrit, en formation."));
    cases.complete(cases.task(pathway, "contributeToReview", "ts2.artois"), Cases.contribution("Scolarité reprise."));
    // The référent prepares the review only once everybody has contributed.
    assertThat(cases.tasks(pathway, "prepareSharedReview")).isEmpty();
    cases.complete(cases.task(pathway, "contributeToReview", "caf.artois"), Cases.contribution("Droits ouverts."));

    assertThat(contributions(pathway)).extracting(c -> c.prop("userId").stringValue() + ": " + c.prop("contribution").stringValue())
        .containsExactlyInAnyOrder("caf.artois: Droits ouverts.", "ft.artois: Inscrit, en formation.",
            "ts2.artois: Scolarité reprise.");
    assertThat(cases.task(pathway, "prepareSharedReview").getAssignee()).isEqualTo("ts.artois");

    cases.complete(pathway, "prepareSharedReview",
        Cases.sharedReview("[\"housing-solution\",\"training\"]", "close", null));

    assertThat(pathway).hasPassed("sharedReviewPrepared").isWaitingAt("reviewCommittee");
    ProcessInstance committee = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(pathway.getId()).singleResult();
    assertThat(engine.getRuntimeService().getVariable(committee.getId(), "purpose")).isEqualTo("review");
    assertThat(cases.task(pathway, "scheduleCommittee")).hasCandidateGroup("ctas-artois");

    cases.holdCommittee(pathway, Cases.decision("close", null));

    assertThat(pathway).isEnded();
    assertThat(cases.endEvents(pathway)).contains("pathwayCompleted").doesNotContain("pathwayInterrupted");
    assertThat(cases.variable(pathway, "committeeDecision")).isEqualTo("close");
    assertThat(cases.variable(pathway, "positiveEvolution")).isEqualTo(true);
    assertThat(cases.variable(pathway, "personAssessment")).isEqualTo("La personne se dit mieux accompagnée.");
  }

  @Test
  void aPathwayClosedWithoutAnyOutcomeHasNoPositiveEvolution() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    completeReview(pathway, Cases.sharedReview("[\"none\"]", "close", null));

    cases.holdCommittee(pathway, Cases.decision("close", null));

    assertThat(pathway).isEnded();
    assertThat(cases.endEvents(pathway)).contains("pathwayCompleted").doesNotContain("pathwayInterrupted");
    assertThat(cases.variable(pathway, "positiveEvolution")).isEqualTo(false);
  }

  @Test
  void twoExtensionsThenClose() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");

    // First review: the référent proposes nine more months (the form offers P3M to P24M), the committee follows.
    completeReview(pathway, Cases.sharedReview("[\"right-accessed\"]", "extend", "P9M"));
    cases.reachCommitteeDate(pathway);
    Task firstCommittee = cases.task(pathway, "holdCommittee");
    assertThat(engine.getTaskService().getVariable(firstCommittee.getId(), "plannedDuration")).isEqualTo("P9M");
    cases.complete(firstCommittee, Cases.decision("extend", "ts2.artois"));
    assertThat(pathway).isWaitingAt("coordinatePathway");
    assertThat(cases.variable(pathway, "plannedDuration")).isEqualTo("P9M");
    assertThat(planEnd(pathway)).isEqualTo(Cases.now().atZone(PARIS).plusMonths(9).toInstant());

    // Second review, at the end of the extended plan: the référent proposes six months, the committee decides three.
    Cases.moveClockTo(planEnd(pathway).plusSeconds(60));
    cases.runDueJobs(pathway);
    assertThat(pathway).isWaitingAt("contributeToReview");
    completeReview(pathway, Cases.sharedReview("[\"right-accessed\"]", "extend", "P6M"));
    VariableMap threeMonths = Cases.decision("extend", "ts2.artois").putValue("plannedDuration", "P3M");
    cases.holdCommittee(pathway, threeMonths);
    assertThat(pathway).isWaitingAt("coordinatePathway");
    assertThat(planEnd(pathway)).isEqualTo(Cases.now().atZone(PARIS).plusMonths(3).toInstant());

    // Third review closes.
    completeReview(pathway, Cases.sharedReview("[\"employment\"]", "close", null));
    cases.holdCommittee(pathway, Cases.decision("close", null));

    assertThat(pathway).isEnded();
    assertThat(cases.endEvents(pathway)).contains("pathwayCompleted").doesNotContain("pathwayInterrupted");
    assertThat(passed(pathway, "followUp")).isEqualTo(3);
    assertThat(passed(pathway, "sharedReview")).isEqualTo(3);
    assertThat(passed(pathway, "reviewCommittee")).isEqualTo(3);
    // Every review's contributions are kept: two interveners, three reviews.
    assertThat(contributions(pathway)).hasSize(6);
    assertThat(cases.variable(pathway, "positiveEvolution")).isEqualTo(true);
  }

  @Test
  void anExtensionReopensTheFollowUpToItsMessages() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    completeReview(pathway, Cases.sharedReview("[\"right-accessed\"]", "extend", "P3M"));
    cases.holdCommittee(pathway, Cases.decision("extend", "ts2.artois"));
    assertThat(pathway).isWaitingAt("coordinatePathway");

    cases.correlate(pathway, "synthesisRequested", Cases.synthesisRequest("person", "Nouvelle demande"));
    cases.correlate(pathway, "disputeRaised", Cases.dispute("Nouveau différend"));
    cases.correlate(pathway, "coordinatorChangeRequested", Cases.coordinatorChange("Nouvelle demande de changement"));

    assertThat(pathway).isWaitingAt("coordinatePathway", "holdSynthesisMeeting", "settleDispute", "reassignCoordinator");
    assertThat(cases.task(pathway, "holdSynthesisMeeting").getAssignee()).isEqualTo("ts2.artois");
    assertThat(cases.task(pathway, "settleDispute").getAssignee()).isEqualTo("ts2.artois");
  }

  @Test
  void afterAChangeOfReferentTheReviewExtendsWithTheNewOneWithoutJustifyingTheFirstChoice() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.correlate(pathway, "coordinatorChangeRequested", Cases.coordinatorChange("La référente part en congé"));
    cases.complete(pathway, "reassignCoordinator", Cases.reassignment("ts.artois"));
    completeReview(pathway, Cases.sharedReview("[\"right-accessed\"]", "extend", "P3M"));

    // The person had preferred ts2.artois at admission: that choice was honoured then, not at every review.
    cases.holdCommittee(pathway, Cases.decision("extend", "ts.artois"));

    assertThat(pathway).isWaitingAt("coordinatePathway");
    assertThat(cases.task(pathway, "coordinatePathway").getAssignee()).isEqualTo("ts.artois");
  }

  @Test
  void theReviewCommitteeMayAdjournThenDecide() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    completeReview(pathway, Cases.sharedReview("[\"service-accessed\"]", "close", null));

    cases.holdCommittee(pathway, Cases.decision("adjourn", null));
    assertThat(pathway).isWaitingAt("reviewCommittee");
    assertThat(cases.task(pathway, "scheduleCommittee")).isNotNull();

    cases.holdCommittee(pathway, Cases.decision("close", null));
    assertThat(pathway).isEnded();
    assertThat(cases.endEvents(pathway)).contains("pathwayCompleted").doesNotContain("pathwayInterrupted");
  }

  @Test
  void theReviewAndTheReviewCommitteeRefuseWhatTheyCannotDecide() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.complete(pathway, "coordinatePathway", Map.of());
    cases.tasks(pathway, "contributeToReview").forEach(task -> cases.complete(task, Cases.contribution("RAS")));

    assertThatThrownBy(() -> cases.complete(pathway, "prepareSharedReview",
        Cases.sharedReview("[\"rich\"]", "extend", null)))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("« Évolutions constatées » : « rich » n'est pas une valeur admise")
        .hasMessageContaining("« Durée de prolongation » est obligatoire");
    assertThatThrownBy(() -> cases.complete(pathway, "prepareSharedReview",
        Cases.sharedReview("[\"none\"]", "forget", null)))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class).hasMessageContaining("« Proposition à l'instance » doit être l'une des valeurs");
    assertThat(pathway).isWaitingAt("prepareSharedReview");

    cases.complete(pathway, "prepareSharedReview", Cases.sharedReview("[\"none\"]", "close", null));
    cases.reachCommitteeDate(pathway);
    assertThatThrownBy(() -> cases.complete(pathway, "holdCommittee", Cases.decision("admit", "ts2.artois")))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class).hasMessageContaining("« Décision de l'instance » doit être l'une des valeurs");
    assertThatThrownBy(() -> cases.complete(pathway, "holdCommittee", Cases.decision("extend", null)))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class).hasMessageContaining("« Durée de l'accompagnement » est obligatoire");
    assertThat(cases.task(pathway, "holdCommittee")).isNotNull();
  }

  /** Ends the follow-up early, every intervener contributes, the référent records {@code review}. */
  void completeReview(ProcessInstance pathway, Map<String, Object> review) {
    if (cases.task(pathway, "coordinatePathway") != null) {
      cases.complete(pathway, "coordinatePathway", Map.of());
    }
    cases.tasks(pathway, "contributeToReview")
        .forEach(task -> cases.complete(task, Cases.contribution("Contribution de " + task.getAssignee())));
    cases.complete(pathway, "prepareSharedReview", review);
  }

  List<SpinJsonNode> contributions(ProcessInstance pathway) {
    return ((SpinJsonNode) cases.variable(pathway, "reviewContributions")).elements();
  }

  Instant planEnd(ProcessInstance pathway) {
    return ((Date) cases.variable(pathway, "planEndDate")).toInstant();
  }

  long passed(ProcessInstance pathway, String activityId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(pathway.getId()).activityId(activityId).finished().list().stream()
        .filter(activity -> !activity.isCanceled()).count();
  }
}
