package fr.parcours.tenancy;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Chooses which tenant's decision table a case uses: its own département's table if one is
 * deployed, otherwise the shared default. Used in the models as
 * {@code camunda:decisionRefTenantId="${decisionTenant.of(execution, 'eligibility')}"}.
 */
@Component("decisionTenant")
public class DecisionTenant {

  private final RepositoryService repositoryService;

  public DecisionTenant(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  public String of(DelegateExecution execution, String decisionKey) {
    String tenantId = execution.getTenantId();
    if (tenantId == null) {
      return null;
    }
    boolean ownTable = repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(decisionKey)
        .tenantIdIn(tenantId)
        .count() > 0;
    return ownTable ? tenantId : null;
  }
}
