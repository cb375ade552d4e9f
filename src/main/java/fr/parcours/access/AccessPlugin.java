package fr.parcours.access;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Registers the access parse listener with the engine, the authorization manager that checks
 * a user's groups without first scanning the authorization table ({@link GroupsAsGivenAuthorizationManager}),
 * the per-command memo of the grant syncs ({@link CommandMemo}), and the task grants that follow the
 * case's entitled people ({@link CaseTaskGrants}).
 */
@Component
public class AccessPlugin extends AbstractProcessEnginePlugin {

  private final CaseAccess caseAccess;

  public AccessPlugin(CaseAccess caseAccess) {
    this.caseAccess = caseAccess;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AccessParseListener(caseAccess));
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new GroupsAsGivenAuthorizationManager.Factory());
    configuration.getCustomSessionFactories().add(new CommandMemo.Factory());
    configuration.setResourceAuthorizationProvider(new CaseTaskGrants(caseAccess));
  }
}
