package fr.parcours.tenancy;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;

import fr.parcours.identity.Departements;

/**
 * Definitions are shared by all départements; each case belongs to the tenant of its territory,
 * so tenant checks and authorizations apply per case. A called process and its decisions inherit
 * the tenant of the case that called them. An unknown territory gives no tenant: the referral
 * validation refuses it.
 */
@Component
public class CaseTenantProvider implements TenantIdProvider {

  private final Departements departements;

  public CaseTenantProvider(Departements departements) {
    this.departements = departements;
  }

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
    DelegateExecution superExecution = ctx.getSuperExecution();
    if (superExecution != null) {
      return superExecution.getTenantId();
    }
    Object territory = ctx.getVariables().get("territory");
    return territory instanceof String code ? departements.tenantOf(code).orElse(null) : null;
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
    DelegateExecution execution = ctx.getExecution();
    return execution != null ? execution.getTenantId() : null;
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
    return null;
  }
}
