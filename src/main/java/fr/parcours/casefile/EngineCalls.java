package fr.parcours.casefile;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The two ways the case file talks to the engine: as the caller (their authorizations and tenants
 * decide what exists for them) and, once the caller's access to the case is established, as the
 * system for reading the case's parts (its committees, comments, users' names), with the caller
 * still the authenticated user, so what they write is theirs in the engine.
 */
@Component
class EngineCalls {

  private final ProcessEngine engine;

  EngineCalls(@Lazy ProcessEngine engine) {
    this.engine = engine;
  }

  /** Runs engine calls under the caller's authorizations and tenants. */
  <T> T asCaller(Authentication caller, Supplier<T> calls) {
    IdentityService identityService = engine.getIdentityService();
    Authentication previous = identityService.getCurrentAuthentication();
    identityService.setAuthentication(caller);
    try {
      return calls.get();
    } finally {
      restore(identityService, previous);
    }
  }

  /**
   * Runs engine calls without authorization or tenant checks, the caller remaining the
   * authenticated user (author of a comment, of an operation log entry). Only for a case the
   * caller was found to have access to.
   */
  <T> T onAccessibleCase(Authentication caller, Supplier<T> calls) {
    return asCaller(caller, () -> configuration().getCommandExecutorTxRequired().execute(commandContext -> {
      commandContext.disableTenantCheck();
      return commandContext.runWithoutAuthorization(calls::get);
    }));
  }

  ProcessEngine engine() {
    return engine;
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  private static void restore(IdentityService identityService, Authentication previous) {
    if (previous == null) {
      identityService.clearAuthentication();
    } else {
      identityService.setAuthentication(previous);
    }
  }
}
