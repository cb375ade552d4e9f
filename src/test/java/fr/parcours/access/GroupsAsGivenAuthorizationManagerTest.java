package fr.parcours.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.Cases;
import fr.parcours.support.ParcoursTest;

/**
 * The engine checks a user's groups as they are, without first scanning the authorization table for
 * the groups that hold grants, and answers every check as before: a group without grants adds
 * nothing, the territory's group still opens its cases and only them.
 */
@ParcoursTest
class GroupsAsGivenAuthorizationManagerTest {

  @Autowired ProcessEngine engine;

  @AfterEach
  void clearAuthentication() {
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void theEngineUsesTheManagerThatKeepsTheGroupsAsGiven() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    List<String> checked = configuration.getCommandExecutorTxRequired().execute(commandContext -> {
      assertThat(commandContext.getAuthorizationManager()).isInstanceOf(GroupsAsGivenAuthorizationManager.class);
      return commandContext.getAuthorizationManager()
          .filterAuthenticatedGroupIds(List.of("ts-artois", "groupe-sans-autorisation"));
    });
    assertThat(checked).containsExactly("ts-artois", "groupe-sans-autorisation");
  }

  @Test
  void aGroupWithoutGrantsChangesNothingInWhatAUserSees() {
    Cases cases = new Cases(engine);
    ProcessInstance artois = cases.start(Cases.referral("artois"));
    ProcessInstance strasbourg = cases.start(Cases.referral("strasbourg"));
    IdentityService identity = engine.getIdentityService();
    TaskService tasks = engine.getTaskService();

    identity.setAuthentication("ts.artois", List.of("ts-artois", "groupe-sans-autorisation"), List.of("pas-de-calais"));
    assertThat(tasks.createTaskQuery().processInstanceId(artois.getId()).count()).isEqualTo(1);
    assertThat(tasks.createTaskQuery().processInstanceId(strasbourg.getId()).count()).isZero();

    identity.setAuthentication("someone.else", List.of("groupe-sans-autorisation"), List.of("pas-de-calais", "bas-rhin"));
    assertThat(tasks.createTaskQuery().processInstanceId(artois.getId()).count()).isZero();
    assertThat(tasks.createTaskQuery().processInstanceId(strasbourg.getId()).count()).isZero();
  }
}
