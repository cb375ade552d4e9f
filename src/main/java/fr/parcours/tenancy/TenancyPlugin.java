package fr.parcours.tenancy;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Registers the case tenant provider with the engine. */
@Component
public class TenancyPlugin extends AbstractProcessEnginePlugin {

  private final CaseTenantProvider caseTenantProvider;

  public TenancyPlugin(CaseTenantProvider caseTenantProvider) {
    this.caseTenantProvider = caseTenantProvider;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(caseTenantProvider);
  }
}
