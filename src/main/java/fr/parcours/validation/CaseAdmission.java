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
import fr.parcours.models.ModelContract.Variables;
import fr.parcours.pathway.Referrers;

/**
 * Rules about the case as a whole when a pathway starts: the caller works for the département
 * of the territory; the referrer is the caller unless they refer on behalf of a social worker of the
 * territory ({@link Referrers}); and a person has at most one open pathway per département
 * (duplicate records break people's pathways).
 */
@Component
public class CaseAdmission {

  private final RuntimeService runtimeService;
  private final Referrers referrers;
  private final FormContracts forms;

  public CaseAdmission(@Lazy RuntimeService runtimeService, Referrers referrers, FormContracts forms) {
    this.runtimeService = runtimeService;
    this.referrers = referrers;
    this.forms = forms;
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
    referrer(execution, caller == null ? null : caller.getUserId());
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

  /** The referrer: the caller when the form names nobody (the form no longer asks for one's own login). */
  private void referrer(DelegateExecution execution, String caller) {
    Object value = execution.getVariable(Variables.REFERRER_ID);
    String chosen = value == null || value.toString().isBlank() ? null : value.toString().trim();
    String label = forms.ofStart(((ExecutionEntity) execution).getProcessDefinition())
        .map(form -> form.label(Variables.REFERRER_ID)).orElse(Variables.REFERRER_ID);
    String problem = referrers.problem(chosen, caller, (String) execution.getVariable(Variables.TERRITORY), label);
    if (problem != null) {
      throw new InvalidCaseInputException("saisine", List.of(problem));
    }
    if (chosen == null) {
      execution.setVariable(Variables.REFERRER_ID, caller);
    }
  }

  private static boolean isAdmin(Authentication caller) {
    return caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.ADMINS);
  }

  private static String processKey(DelegateExecution execution) {
    ProcessDefinitionEntity definition = ((ExecutionEntity) execution).getProcessDefinition();
    return definition == null ? null : definition.getKey();
  }
}
