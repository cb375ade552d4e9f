package fr.parcours.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;
import fr.parcours.validation.InvalidCaseInputException;

/**
 * Message {@code coordinatorChangeRequested} during the follow-up → the CTAS designates a new
 * référent ({@code reassignCoordinator}); every open task of the former one on that case moves to
 * the new one.
 */
@ParcoursTest
class CoordinatorChangeMessageTest {

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
  void theFormerReferentsOpenTasksMoveToTheNewOne() {
    ProcessInstance otherCase = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    reachNextReviewCycle(pathway);
    cases.correlate(pathway, "synthesisRequested", Cases.synthesisRequest("person", "Changement de situation"));
    assertThat(assignedTo(pathway, "ts2.artois")).extracting(Task::getTaskDefinitionKey)
        .containsExactlyInAnyOrder("coordinatePathway", "reassessSituation", "holdSynthesisMeeting");

    cases.correlate(pathway, "coordinatorChangeRequested", Cases.coordinatorChange("Le référent change de poste"));

    assertThat(pathway).isWaitingAt("coordinatePathway", "reassessSituation", "holdSynthesisMeeting", "reassignCoordinator");
    Task reassignment = cases.task(pathway, "reassignCoordinator");
    assertThat(reassignment).hasCandidateGroup("ctas-artois");
    assertThat(reassignment.getAssignee()).isNull();
    assertThat(taskService.getVariable(reassignment.getId(), "changeReason")).isEqualTo("Le référent change de poste");
    assertThat(taskService.getVariable(reassignment.getId(), "previousCoordinatorId")).isEqualTo("ts2.artois");

    cases.complete(reassignment, Cases.reassignment("ts.artois"));

    assertThat(pathway).hasPassed("coordinatorReassigned");
    assertThat(cases.variable(pathway, "coordinatorId")).isEqualTo("ts.artois");
    assertThat(assignedTo(pathway, "ts2.artois")).isEmpty();
    List<Task> moved = assignedTo(pathway, "ts.artois");
    assertThat(moved).extracting(Task::getTaskDefinitionKey)
        .containsExactlyInAnyOrder("coordinatePathway", "reassessSituation", "holdSynthesisMeeting");
    // The former référent no longer has personal access to them; the new one has.
    for (Task task : moved) {
      assertThat(mayWork("ts2.artois", task)).as("former référent on %s", task.getTaskDefinitionKey()).isFalse();
      assertThat(mayWork("ts.artois", task)).as("new référent on %s", task.getTaskDefinitionKey()).isTrue();
    }
    // Another case of the former référent is not touched.
    assertThat(assignedTo(otherCase, "ts2.artois")).extracting(Task::getTaskDefinitionKey).containsExactly("coordinatePathway");

    // What comes later is for the new référent too: the next reassessment, the shared review.
    cases.complete(cases.task(pathway, "reassessSituation"), Cases.reassessment("Reprise du suivi", "Objectif"));
    reachNextReviewCycle(pathway);
    assertThat(cases.task(pathway, "reassessSituation").getAssignee()).isEqualTo("ts.artois");
    cases.complete(pathway, "coordinatePathway", Map.of());
    cases.tasks(pathway, "contributeToReview").forEach(task -> cases.complete(task, Cases.contribution("RAS")));
    assertThat(cases.task(pathway, "prepareSharedReview").getAssignee()).isEqualTo("ts.artois");
  }

  @Test
  void theSameReferentOrAnUnknownUserIsRefused() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.correlate(pathway, "coordinatorChangeRequested", Cases.coordinatorChange("Demande de la personne"));
    Task reassignment = cases.task(pathway, "reassignCoordinator");

    assertThatThrownBy(() -> cases.complete(reassignment, Cases.reassignment("ts2.artois")))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("« ts2.artois » est déjà le référent de ce parcours");
    assertThatThrownBy(() -> cases.complete(reassignment, Cases.reassignment("nobody.artois")))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("l'utilisateur « nobody.artois » n'existe pas");
    assertThatThrownBy(() -> cases.complete(reassignment, Map.of("coordinatorId", "ts.artois")))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("« Motif du changement » est obligatoire");

    // Nothing changed.
    assertThat(cases.task(pathway, "reassignCoordinator")).isNotNull();
    assertThat(cases.variable(pathway, "coordinatorId")).isEqualTo("ts2.artois");
    assertThat(cases.task(pathway, "coordinatePathway").getAssignee()).isEqualTo("ts2.artois");
  }

  @Test
  void aRequestWithoutReasonIsRefused() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");

    assertThatThrownBy(() -> cases.correlate(pathway, "coordinatorChangeRequested", Map.of()))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("reason est obligatoire");
    assertThat(cases.tasks(pathway, "reassignCoordinator")).isEmpty();
  }

  List<Task> assignedTo(ProcessInstance pathway, String userId) {
    return taskService.createTaskQuery().processInstanceBusinessKey(cases.businessKey(pathway)).taskAssignee(userId).list();
  }

  boolean mayWork(String userId, Task task) {
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
        .map(group -> group.getId()).toList();
    return engine.getAuthorizationService().isUserAuthorized(userId, groups, Permissions.UPDATE, Resources.TASK, task.getId());
  }

  void reachNextReviewCycle(ProcessInstance pathway) {
    Job timer = engine.getManagementService().createJobQuery()
        .processInstanceId(pathway.getId()).activityId("reassessmentDue").singleResult();
    int open = cases.tasks(pathway, "reassessSituation").size();
    Cases.moveClockTo(timer.getDuedate().toInstant().plusSeconds(60));
    cases.runDueJobs(pathway);
    assertThat(cases.tasks(pathway, "reassessSituation")).hasSize(open + 1);
  }
}
