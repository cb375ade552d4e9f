package fr.parcours.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.EngineRest.Response;
import fr.parcours.support.ParcoursTest;

/**
 * Messages that cannot be delivered, over POST /engine-rest/message: for a closed or unknown case,
 * a follow-up message when no follow-up is open, a payload that breaks the rules. Each is answered
 * 400 with the reason in terms of the case, and changes nothing.
 */
@ParcoursTest
class MessageRefusedTest {

  static final Map<String, Map<String, Object>> VALID_MESSAGES = Map.of(
      "synthesisRequested", Cases.synthesisRequest("person", "Point sur la situation"),
      "disputeRaised", Cases.dispute("Différend"),
      "coordinatorChangeRequested", Cases.coordinatorChange("Demande de la personne"),
      "pathwayWithdrawn", Cases.withdrawal("move"));

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Cases cases;
  EngineRest platform;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
    platform = EngineRest.as(port, "demo");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void everyMessageToACompletedOrInterruptedCaseIsRefused() {
    ProcessInstance completed = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.complete(completed, "coordinatePathway", Map.of());
    cases.tasks(completed, "contributeToReview").forEach(task -> cases.complete(task, Cases.contribution("RAS")));
    cases.complete(completed, "prepareSharedReview", Cases.sharedReview("[\"none\"]", "close", null));
    cases.holdCommittee(completed, Cases.decision("close", null));
    assertThat(completed).isEnded();

    ProcessInstance interrupted = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.correlate(interrupted, "pathwayWithdrawn", Cases.withdrawal("withdrawal"));
    cases.complete(cases.task(interrupted, "recordExit"), Cases.exit());
    assertThat(interrupted).isEnded();

    for (ProcessInstance closed : new ProcessInstance[] {completed, interrupted}) {
      String key = cases.businessKey(closed);
      VALID_MESSAGES.forEach((message, payload) ->
          assertRefused(message, key, payload, "le dossier " + key + " est clos depuis le "));
    }
  }

  @Test
  void everyMessageToAnUnknownCaseIsRefused() {
    VALID_MESSAGES.forEach((message, payload) ->
        assertRefused(message, "RP-1999-999999", payload, "aucun dossier « RP-1999-999999 »"));
  }

  @Test
  void followUpMessagesAreRefusedWhenNoFollowUpIsOpen() {
    // Before the follow-up: the case waits for the person's consent.
    ProcessInstance referred = cases.start(Cases.referral("artois"));
    // After it: the shared review.
    ProcessInstance inReview = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.complete(inReview, "coordinatePathway", Map.of());
    assertThat(inReview).isWaitingAt("contributeToReview");

    // And in the committee that reviews it.
    ProcessInstance inReviewCommittee = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.complete(inReviewCommittee, "coordinatePathway", Map.of());
    cases.tasks(inReviewCommittee, "contributeToReview").forEach(task -> cases.complete(task, Cases.contribution("RAS")));
    cases.complete(inReviewCommittee, "prepareSharedReview", Cases.sharedReview("[\"none\"]", "close", null));
    assertThat(inReviewCommittee).isWaitingAt("reviewCommittee");

    Map<ProcessInstance, String> currentStep = Map.of(referred, "Recueillir l'adhésion de la personne",
        inReview, "Bilan partagé", inReviewCommittee, "Instance technique (bilan)");
    currentStep.forEach((pathway, step) -> {
      String key = cases.businessKey(pathway);
      for (String message : new String[] {"synthesisRequested", "disputeRaised", "coordinatorChangeRequested"}) {
        String why = assertRefused(message, key, VALID_MESSAGES.get(message),
            "le dossier " + key + " n'attend pas ce message à son étape actuelle (");
        assertThat(why).contains(step);
      }
    });
    assertThat(referred).isWaitingAt("recordConsent");
    assertThat(inReview).isWaitingAt("contributeToReview");
    assertThat(inReviewCommittee).isWaitingAt("reviewCommittee");
    assertThat(cases.tasks(inReview, "holdSynthesisMeeting")).isEmpty();
    assertThat(cases.tasks(inReview, "settleDispute")).isEmpty();
    assertThat(cases.tasks(inReview, "reassignCoordinator")).isEmpty();
  }

  @Test
  void aPayloadThatBreaksTheRulesIsRefusedAndChangesNothing() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    String key = cases.businessKey(pathway);

    assertRefusedInput(platform.correlate("pathwayWithdrawn", key, Map.of("exitReason", "bored")),
        "exitReason doit être l'une des valeurs");
    assertRefusedInput(platform.correlate("synthesisRequested", key, Cases.synthesisRequest("neighbour", "Inquiétude")),
        "requestedBy doit être l'une des valeurs");
    assertRefusedInput(platform.correlate("synthesisRequested", key, Map.of("requestedBy", "person")),
        "reason est obligatoire");
    assertRefusedInput(platform.correlate("disputeRaised", key, Map.of()), "reason est obligatoire");
    assertRefusedInput(platform.correlate("coordinatorChangeRequested", key, Map.of("reason", "")),
        "reason est obligatoire");

    assertThat(pathway).isWaitingAt("coordinatePathway").hasNotPassed("withdrawalReceived", "synthesisRequestReceived",
        "disputeReceived", "coordinatorChangeReceived");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key).list())
        .extracting(task -> task.getTaskDefinitionKey()).containsExactly("coordinatePathway");
    assertThat(engine.getRuntimeService().getVariables(pathway.getId()))
        .doesNotContainKeys("exitReason", "reason", "requestedBy");
  }

  /** Posts the message, expects 400 with the reason in terms of the case; returns the message. */
  String assertRefused(String message, String businessKey, Map<String, Object> payload, String why) {
    Response response = platform.correlate(message, businessKey, payload);
    assertThat(response.status()).as("%s to %s: %s", message, businessKey, response.body()).isEqualTo(400);
    assertThat(response.json().path("type").asText()).as(response.body()).isEqualTo("MessageRefused");
    String text = response.json().path("message").asText();
    assertThat(text).as(response.body()).startsWith("Message « " + message + " » refusé : ").contains(why);
    return text;
  }

  static void assertRefusedInput(Response response, String problem) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().path("type").asText()).isEqualTo("InvalidCaseInputException");
    assertThat(response.json().path("message").asText()).as(response.body()).contains(problem);
  }
}
