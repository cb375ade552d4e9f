package fr.parcours.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * Message {@code disputeRaised} during the follow-up: level 1, the référent settles it amicably
 * ({@code settleDispute}); unresolved, level 2, the CTAS arbitrates ({@code arbitrateDispute}).
 */
@ParcoursTest
class DisputeMessageTest {

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
  void aDisputeSettledAmicablyByTheReferentStopsAtLevelOne() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");

    cases.correlate(pathway, "disputeRaised", Cases.dispute("Désaccord sur les horaires d'accueil"));

    assertThat(pathway).isWaitingAt("coordinatePathway", "settleDispute");
    Task settlement = cases.task(pathway, "settleDispute");
    assertThat(settlement.getAssignee()).isEqualTo("ts2.artois");
    assertThat(taskService.getVariable(settlement.getId(), "disputeReason")).isEqualTo("Désaccord sur les horaires d'accueil");

    cases.complete(settlement, Cases.settlement(true));

    assertThat(pathway).hasPassed("disputeSettled", "disputeClosed").hasNotPassed("arbitrateDispute")
        .isWaitingAt("coordinatePathway");
    assertThat(cases.tasks(pathway, "arbitrateDispute")).isEmpty();
    assertThat(cases.variable(pathway, "disputeResolved")).isEqualTo(true);
    assertThat(cases.variable(pathway, "disputeNotes")).isEqualTo("Accord trouvé");
  }

  @Test
  void anUnresolvedDisputeGoesToTheCtasAtLevelTwo() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.correlate(pathway, "disputeRaised", Cases.dispute("La personne conteste l'orientation"));

    cases.complete(cases.task(pathway, "settleDispute"), Cases.settlement(false));

    assertThat(pathway).isWaitingAt("coordinatePathway", "arbitrateDispute").hasNotPassed("disputeClosed");
    Task arbitration = cases.task(pathway, "arbitrateDispute");
    assertThat(arbitration).hasCandidateGroup("ctas-artois");
    assertThat(arbitration.getAssignee()).isNull();
    // The reason travels with the dispute up to the CTAS.
    assertThat(taskService.getVariable(arbitration.getId(), "disputeReason")).isEqualTo("La personne conteste l'orientation");

    assertThatThrownBy(() -> cases.complete(arbitration, Map.of()))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class).hasMessageContaining("« Arbitrage du CTAS » est obligatoire");

    cases.complete(arbitration, Cases.arbitration());
    assertThat(pathway).hasPassed("disputeArbitrated").isWaitingAt("coordinatePathway");
    assertThat(cases.variable(pathway, "arbitrationNotes")).isEqualTo("Le CTAS tranche : le plan est maintenu.");
  }

  @Test
  void twoDisputesOpenAtOnceEachFollowsItsOwnWay() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    cases.correlate(pathway, "disputeRaised", Cases.dispute("Différend avec le bailleur"));
    cases.correlate(pathway, "disputeRaised", Cases.dispute("Différend sur le budget"));

    assertThat(cases.tasks(pathway, "settleDispute")).hasSize(2);
    Task landlord = disputeAbout(pathway, "Différend avec le bailleur");
    Task budget = disputeAbout(pathway, "Différend sur le budget");

    cases.complete(budget, Cases.settlement(false));
    cases.complete(landlord, Cases.settlement(true));

    assertThat(cases.tasks(pathway, "settleDispute")).isEmpty();
    Task arbitration = cases.task(pathway, "arbitrateDispute");
    assertThat(taskService.getVariable(arbitration.getId(), "disputeReason")).isEqualTo("Différend sur le budget");
    assertThat(pathway).hasPassed("disputeClosed").isWaitingAt("coordinatePathway", "arbitrateDispute");
  }

  @Test
  void aDisputeWithoutReasonOrASettlementWithoutAnswerIsRefused() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");

    assertThatThrownBy(() -> cases.correlate(pathway, "disputeRaised", Map.of("reason", " ")))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("reason est obligatoire");
    assertThat(cases.tasks(pathway, "settleDispute")).isEmpty();

    cases.correlate(pathway, "disputeRaised", Cases.dispute("Différend"));
    Task settlement = cases.task(pathway, "settleDispute");
    assertThatThrownBy(() -> cases.complete(settlement, Map.of("disputeResolved", "peut-être")))
        .hasRootCauseInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("« Le différend est résolu à l'amiable » doit valoir oui ou non")
        .hasMessageContaining("« Démarches et accord trouvé » est obligatoire");
    assertThat(cases.task(pathway, "settleDispute")).isNotNull();
    assertThat(cases.tasks(pathway, "arbitrateDispute")).isEmpty();
  }

  Task disputeAbout(ProcessInstance pathway, String reason) {
    return cases.tasks(pathway, "settleDispute").stream()
        .filter(task -> reason.equals(taskService.getVariable(task.getId(), "disputeReason")))
        .findFirst().orElseThrow();
  }
}
