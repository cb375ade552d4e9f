package fr.parcours.validation;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import fr.parcours.identity.Groups;
import fr.parcours.models.ModelContract.Processes;

/**
 * Rules about the case as a whole when a pathway starts: the referrer works for the département
 * of the territory, and a person has at most one open pathway per département (duplicate
 * records break people's pathways).
 */
@Component
public class CaseAdmission {

  private final RuntimeService runtimeService;

  public CaseAdmission(@Lazy RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  void check(DelegateExecution execution) {
    if (!Processes.PATHWAY.equals(processKey(execution))) {
      return;
    }
    String tenantId = execution.getTenantId();
    CommandContext commandContext = Context.getCommandContext();
    Authentication caller = commandContext.getAuthentication();
    if (caller != null && caller.getUserId() != null && !isAdmin(caller)
        && (caller.getTenantIds() == null || !caller.getTenantIds().contains(tenantId))) {
      throw new InvalidCaseInputException("saisine", List.of("le territoire « " + execution.getVariable("territory")
          + " » n'appartient pas à votre département"));
    }
    String personRef = (String) execution.getVariable("personRef");
    List<ProcessInstance> open = commandContext.runWithoutAuthorization(() -> runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey(Processes.PATHWAY)
        .tenantIdIn(tenantId)
        .variableValueEquals("personRef", personRef)
        .list());
    open.stream()
        .filter(instance -> !instance.getId().equals(execution.getProcessInstanceId()))
        .findFirst()
        .ifPresent(instance -> {
          throw new InvalidCaseInputException("saisine", List.of("un parcours est déjà ouvert pour cette personne"
              + " dans ce département : dossier " + instance.getBusinessKey()));
        });
  }

  private static boolean isAdmin(Authentication caller) {
    return caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.ADMINS);
  }

  private static String processKey(DelegateExecution execution) {
    ProcessDefinitionEntity definition = ((ExecutionEntity) execution).getProcessDefinition();
    return definition == null ? null : definition.getKey();
  }
}
