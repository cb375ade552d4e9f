package fr.parcours.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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

/** Message {@code synthesisRequested} during the follow-up → {@code holdSynthesisMeeting} for the référent. */
@ParcoursTest
class SynthesisMessageTest {

  @Autowired ProcessEngine engine;
  TaskService taskService;
  Cases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
    taskService = engine.getTaskService();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void twoRequestsOpenAtOnceEachKeepsItsReasonAndRequester() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");

    cases.correlate(pathway, "synthesisRequested", Cases.synthesisRequest("person", "La personne veut faire le point"));
    cases.correlate(pathway, "synthesisRequested", Cases.synthesisRequest("intervener", "La CAF signale une dette"));

    assertThat(pathway).isWaitingAt("coordinatePathway", "holdSynthesisMeeting");
    assertThat(cases.tasks(pathway, "holdSynthesisMeeting")).hasSize(2)
        .allMatch(task -> "ts2.artois".equals(task.getAssignee()));
    Map<String, String> requesterByReason = new HashMap<>();
    for (Task meeting : cases.tasks(pathway, "holdSynthesisMeeting")) {
      requesterByReason.put((String) taskService.getVariable(meeting.getId(), "synthesisReason"),
          (String) taskService.getVariable(meeting.getId(), "requestedBy"));
    }
    assertThat(requesterByReason).containsOnly(
        Map.entry("La personne veut faire le point", "person"),
        Map.entry("La CAF signale une dette", "intervener"));
    // The payload lives with its branch, not on the case where the next message would overwrite it.
    assertThat(engine.getRuntimeService().getVariables(pathway.getId())).doesNotContainKeys("reason", "requestedBy");

    Task debt = cases.tasks(pathway, "holdSynthesisMeeting").stream()
        .filter(task -> "La CAF signale une dette".equals(taskService.getVariable(task.getId(), "synthesisReason")))
        .findFirst().orElseThrow();
    cases.complete(debt, Cases.synthesisMeeting("Plan d'apurement"));

    assertThat(pathway).hasPassed("synthesisHeld").isWaitingAt("coordinatePathway", "holdSynthesisMeeting");
    Task other = cases.task(pathway, "holdSynthesisMeeting");
    assertThat(taskService.getVariable(other.getId(), "synthesisReason")).isEqualTo("La personne veut faire le point");
    assertThat(cases.variable(pathway, "synthesisNotes")).isEqualTo("Plan d'apurement");
    assertThat(((SpinJsonNode) cases.variable(pathway, "actionPlan")).elements().get(1).prop("label").stringValue())
        .isEqualTo("Réunion de synthèse : Plan d'apurement");
    assertThat(((SpinJsonNode) cases.variable(pathway, "synthesisAttendance")).elements()).hasSize(2);
  }

  @Test
  void theReferentAnIntervenerOrThePersonMayAskButNobodyElse() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");

    for (String requester : new String[] {"coordinator", "intervener", "person"}) {
      cases.correlate(pathway, "synthesisRequested", Cases.synthesisRequest(requester, "Demande de " + requester));
    }
    assertThat(cases.tasks(pathway, "holdSynthesisMeeting")).hasSize(3);

    assertThatThrownBy(() -> cases.correlate(pathway, "synthesisRequested",
        Cases.synthesisRequest("neighbour", "Le voisin s'inquiète")))
        .isInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("requestedBy doit être l'une des valeurs")
        .hasMessageContaining("neighbour");
    assertThatThrownBy(() -> cases.correlate(pathway, "synthesisRequested", Map.of("reason", "Sans demandeur")))
        .isInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("requestedBy est obligatoire");
    assertThatThrownBy(() -> cases.correlate(pathway, "synthesisRequested", Map.of("requestedBy", "person")))
        .isInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("reason est obligatoire");

    // Refused requests change nothing.
    assertThat(cases.tasks(pathway, "holdSynthesisMeeting")).hasSize(3);
    assertThat(engine.getRuntimeService().getVariables(pathway.getId())).doesNotContainKeys("reason", "requestedBy");
  }

  @Test
  void theMeetingRecordsNotesAttendanceAndActionPlanOrIsRefused() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.correlate(pathway, "synthesisRequested", Cases.synthesisRequest("coordinator", "Point d'étape"));
    Task meeting = cases.task(pathway, "holdSynthesisMeeting");

    assertThatThrownBy(() -> cases.complete(meeting, Map.of("synthesisNotes", "Sans liste de présence",
        "synthesisAttendance", Cases.json("[{\"name\":\"CAF\",\"present\":\"peut-être\"}]"))))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("« Participants à la réunion », ligne 1 : « Organisme » est obligatoire")
        .hasMessageContaining("« Participants à la réunion », ligne 1 : « Présent(e) » doit valoir oui ou non");
    assertThat(cases.task(pathway, "holdSynthesisMeeting")).isNotNull();

    cases.complete(meeting, Cases.synthesisMeeting("Point fait"));
    assertThat(cases.tasks(pathway, "holdSynthesisMeeting")).isEmpty();
    assertThat(pathway).isWaitingAt("coordinatePathway");
  }

  @Test
  void aMeetingStillOpenWhenTheFollowUpEndsIsCarriedOverUntilItIsHeld() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.correlate(pathway, "synthesisRequested", Cases.synthesisRequest("intervener", "Réunion avant le bilan"));

    cases.complete(pathway, "coordinatePathway", Map.of());
    assertThat(pathway).isWaitingAt("contributeToReview", "holdSynthesisMeeting");

    // Through the shared review and the committee that closes the pathway: the meeting is still there.
    cases.tasks(pathway, "contributeToReview").forEach(task -> cases.complete(task, Cases.contribution("RAS")));
    cases.complete(pathway, "prepareSharedReview", Cases.sharedReview("[\"service-accessed\"]", "close", null));
    cases.holdCommittee(pathway, Cases.decision("close", null));
    assertThat(pathway).hasPassed("pathwayCompleted").isWaitingAt("holdSynthesisMeeting");
    assertThat(cases.task(pathway, "holdSynthesisMeeting").getAssignee()).isEqualTo("ts2.artois");

    cases.complete(cases.task(pathway, "holdSynthesisMeeting"), Cases.synthesisMeeting("Tenue après le bilan"));
    assertThat(pathway).isEnded();
    assertThat(cases.variable(pathway, "positiveEvolution")).isEqualTo(true);
  }
}
