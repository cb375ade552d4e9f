package fr.parcours.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.EngineRest.Response;
import fr.parcours.support.ParcoursTest;

/**
 * A whole case through the public REST API, as the people who work it: the social worker refers,
 * the CTAS runs the committees, arbitrates and replaces the référent, the référent coordinates,
 * the partners contribute to the review; the follow-up requests are made from the case file
 * ({@code POST /api/cases/{key}/requests}) by the intervener, the social worker on behalf of the
 * person and the référent. Only the clock and the job executor are driven from the test.
 */
@ParcoursTest
class PathwayEndToEndOverRestTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Cases cases;

  EngineRest socialWorker;
  EngineRest ctas;
  EngineRest firstReferent;
  EngineRest caf;
  EngineRest franceTravail;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
    socialWorker = EngineRest.as(port, "ts.artois");
    ctas = EngineRest.as(port, "ctas.artois");
    firstReferent = EngineRest.as(port, "ts2.artois");
    caf = EngineRest.as(port, "caf.artois");
    franceTravail = EngineRest.as(port, "ft.artois");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void referralToCompletionWithSynthesisDisputeAtLevelTwoChangeOfReferentAndOneExtension() {
    // Saisine by the social worker.
    Response started = socialWorker.startPathway(Cases.referral("artois"));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    ProcessInstance pathway = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(started.json().path("id").asText()).singleResult();
    String key = cases.businessKey(pathway);
    assertThat(key).matches("RP-\\d{4}-\\d{6}");

    ok(socialWorker.complete(socialWorker.taskId(key, "recordConsent"), Cases.consent(true, "ts2.artois")));
    ok(socialWorker.complete(socialWorker.taskId(key, "globalDiagnostic"), Cases.diagnostic()));

    // Admission committee: the CTAS schedules it, the day comes, the committee admits with the person's référent.
    ok(ctas.complete(ctas.taskId(key, "scheduleCommittee"), Cases.schedule(Cases.now(), 2)));
    Cases.moveClockTo(Cases.now().plus(2, ChronoUnit.DAYS).plusSeconds(60));
    cases.runDueJobs(pathway);
    ok(ctas.complete(ctas.taskId(key, "holdCommittee"), Cases.decision("admit", "ts2.artois")));

    ok(firstReferent.complete(firstReferent.taskId(key, "signAgreement"), Cases.agreement()));
    assertThat(pathway).isWaitingAt("coordinatePathway");
    assertThat(firstReferent.tasks(key, "coordinatePathway")).hasSize(1);

    // An intervener asks for a synthesis meeting.
    created(caf.caseRequest(key, "synthesis", Cases.synthesisRequest("intervener", "Rupture d'hébergement annoncée")));
    assertThat(firstReferent.tasks(key, "holdSynthesisMeeting")).hasSize(1);

    // A dispute, on behalf of the person: not settled amicably by the référent, arbitrated by the CTAS (level 2).
    created(socialWorker.caseRequest(key, "dispute", Cases.dispute("Désaccord sur l'orientation emploi")));
    ok(firstReferent.complete(firstReferent.taskId(key, "settleDispute"), Cases.settlement(false)));
    String arbitration = ctas.taskId(key, "arbitrateDispute");
    assertThat(firstReferent.complete(arbitration, Cases.arbitration()).status()).isEqualTo(403);
    ok(ctas.complete(arbitration, Cases.arbitration()));

    // The référent leaves: the CTAS designates another one, who takes over the open tasks.
    created(firstReferent.caseRequest(key, "coordinatorChange", Cases.coordinatorChange("Mutation du référent")));
    ok(ctas.complete(ctas.taskId(key, "reassignCoordinator"), Cases.reassignment("ts.artois")));
    EngineRest newReferent = socialWorker;
    for (String moved : new String[] {"coordinatePathway", "holdSynthesisMeeting"}) {
      JsonNode task = newReferent.tasks(key, moved).get(0);
      assertThat(task.path("assignee").asText()).isEqualTo("ts.artois");
      assertThat(firstReferent.complete(task.path("id").asText(), Cases.synthesisMeeting("Plus mon dossier")).status())
          .as("the former référent works on %s", moved).isEqualTo(403);
    }
    ok(newReferent.complete(newReferent.taskId(key, "holdSynthesisMeeting"), Cases.synthesisMeeting("Hébergement d'urgence trouvé")));

    // The new référent ends the follow-up: shared review, the partners contribute, the référent proposes to extend.
    ok(newReferent.complete(newReferent.taskId(key, "coordinatePathway"), Map.of("coordinationNotes", "Bilan à faire")));
    ok(caf.complete(caf.taskId(key, "contributeToReview"), Cases.contribution("Droits CAF ouverts.")));
    ok(franceTravail.complete(franceTravail.taskId(key, "contributeToReview"), Cases.contribution("Inscrit, en atelier.")));
    ok(newReferent.complete(newReferent.taskId(key, "prepareSharedReview"),
        Cases.sharedReview("[\"right-accessed\"]", "extend", "P3M")));

    // Review committee: extension by three months with the new référent.
    ok(ctas.complete(ctas.taskId(key, "scheduleCommittee"), Cases.schedule(Cases.now(), 2)));
    Cases.moveClockTo(Cases.now().plus(2, ChronoUnit.DAYS).plusSeconds(60));
    cases.runDueJobs(pathway);
    // (no reason for not following the person's first choice: the form asks it at admission only)
    Map<String, Object> extension = new HashMap<>(Cases.decision("extend", "ts.artois"));
    ok(ctas.complete(ctas.taskId(key, "holdCommittee"), extension));
    assertThat(pathway).isWaitingAt("coordinatePathway");
    assertThat(newReferent.tasks(key, "coordinatePathway")).hasSize(1);
    Date planEnd = (Date) cases.variable(pathway, "planEndDate");
    assertThat(planEnd.toInstant()).isEqualTo(Cases.now().atZone(FollowUpTimersTest.PARIS).plusMonths(3).toInstant());

    // The extended plan runs out: the shared review again, and this time the committee closes the pathway.
    Cases.moveClockTo(planEnd.toInstant().minus(1, ChronoUnit.DAYS));
    cases.runDueJobs(pathway);
    for (JsonNode reassessment : newReferent.tasks(key, "reassessSituation")) {
      ok(newReferent.complete(reassessment.path("id").asText(), Cases.reassessment("Point d'étape", "Recherche d'emploi")));
    }
    Cases.moveClockTo(planEnd.toInstant().plusSeconds(60));
    cases.runDueJobs(pathway);
    assertThat(pathway).hasPassed("planEndReached").isWaitingAt("contributeToReview");
    ok(caf.complete(caf.taskId(key, "contributeToReview"), Cases.contribution("Situation stabilisée.")));
    ok(franceTravail.complete(franceTravail.taskId(key, "contributeToReview"), Cases.contribution("En emploi depuis un mois.")));
    ok(newReferent.complete(newReferent.taskId(key, "prepareSharedReview"),
        Cases.sharedReview("[\"employment\",\"housing-solution\"]", "close", null)));
    ok(ctas.complete(ctas.taskId(key, "scheduleCommittee"), Cases.schedule(Cases.now(), 2)));
    Cases.moveClockTo(Cases.now().plus(2, ChronoUnit.DAYS).plusSeconds(60));
    cases.runDueJobs(pathway);
    ok(ctas.complete(ctas.taskId(key, "holdCommittee"), Cases.decision("close", null)));

    assertThat(pathway).isEnded();
    assertThat(cases.endEvents(pathway)).contains("pathwayCompleted").doesNotContain("pathwayInterrupted", "notAdmitted");
    assertThat(cases.variable(pathway, "positiveEvolution")).isEqualTo(true);
    assertThat(cases.variable(pathway, "coordinatorId")).isEqualTo("ts.artois");
    assertThat(((SpinJsonNode) cases.variable(pathway, "reviewContributions")).elements()).hasSize(4);
    assertThat(passed(pathway, "followUp")).isEqualTo(2);
    assertThat(passed(pathway, "reviewCommittee")).isEqualTo(2);
    assertThat(passed(pathway, "holdSynthesisMeeting")).isEqualTo(1);
    assertThat(passed(pathway, "arbitrateDispute")).isEqualTo(1);
    assertThat(passed(pathway, "reassignCoordinator")).isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pathway.getId())
        .taskDefinitionKey("holdSynthesisMeeting").singleResult().getAssignee()).isEqualTo("ts.artois");
  }

  /** How many times the case went through that activity (completed, not cancelled). */
  long passed(ProcessInstance pathway, String activityId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(pathway.getId()).activityId(activityId).finished().list().stream()
        .filter(activity -> !activity.isCanceled()).count();
  }

  /** A task completed: the engine answers 204 No Content. */
  static void ok(Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(204);
  }

  /** A request made from the case file: 201 Created. */
  static void created(Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }
}
