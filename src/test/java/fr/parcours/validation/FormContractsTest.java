package fr.parcours.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;

/** The contract of a step is the form the engine resolves for it, for a task and for the start event. */
@ParcoursTest
class FormContractsTest {

  @Autowired ProcessEngine engine;
  @Autowired FormContracts contracts;
  Cases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
  }

  @Test
  void aTaskResolvesTheFormOfItsDeployment() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    Task consent = cases.task(pathway, "recordConsent");

    FormContract contract = contracts.ofTask(consent.getId()).orElseThrow();

    assertThat(contract.formId()).isEqualTo("recordConsent");
    assertThat(contract.variableNames())
        .containsExactlyInAnyOrder("consentGiven", "sharingConsent", "preferredCoordinatorId");
    assertThat(contracts.stepOfTask(consent.getId()).orElseThrow().name()).isEqualTo("Recueillir l'adhésion de la personne");
    assertThat(contracts.ofTask(consent.getId())).containsSame(contract);
  }

  @Test
  void theStartEventResolvesTheReferralForm() {
    ProcessDefinition pathway = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("pathway").latestVersion().withoutTenantId().singleResult();

    assertThat(contracts.ofStart(pathway.getId()).orElseThrow().formId()).isEqualTo("referral");
  }

  @Test
  void aProcessWithoutStartFormHasNoStartContract() {
    ProcessDefinition committee = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("technical-committee").latestVersion().withoutTenantId().singleResult();

    assertThat(contracts.ofStart(committee.getId())).isEmpty();
  }
}
