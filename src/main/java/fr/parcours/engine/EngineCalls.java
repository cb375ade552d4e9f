package fr.parcours.engine;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The application's two ways of calling the engine:
 * <ul>
 * <li>{@link #asCaller}: under the caller's authorizations and tenants, so that what the caller may
 * not see does not exist for them (how access to a case is established);</li>
 * <li>{@link #withoutChecks}: once access is established (or for the engine's own bookkeeping: grants,
 * notifications, the person's rights), without authorization or tenant checks, in one engine command,
 * the authenticated user staying who they are: they remain the author of what is written (comments,
 * operation log entries, message correlations).</li>
 * </ul>
 * Application code that acts for a worker goes through {@link #withoutChecks} after its own check,
 * never through the worker's engine permissions (the engine refuses workers anything beyond
 * Tasklist's needs).
 */
@Component
public class EngineCalls {

  private final ProcessEngine engine;

  public EngineCalls(@Lazy ProcessEngine engine) {
    this.engine = engine;
  }

  public ProcessEngine engine() {
    return engine;
  }

  /** Runs engine calls under the caller's authorizations and tenants. */
  public <T> T asCaller(Authentication caller, Supplier<T> calls) {
    IdentityService identityService = engine.getIdentityService();
    Authentication previous = identityService.getCurrentAuthentication();
    identityService.setAuthentication(caller);
    try {
      return calls.get();
    } finally {
      if (previous == null) {
        identityService.clearAuthentication();
      } else {
        identityService.setAuthentication(previous);
      }
    }
  }

  /**
   * Runs engine calls without authorization or tenant checks, inside the engine's current command
   * when there is one (listeners, delegates), else in a command of its own (one transaction). The
   * authenticated user, if any, stays the author.
   */
  public <T> T withoutChecks(Supplier<T> calls) {
    CommandContext current = Context.getCommandContext();
    if (current != null) {
      return withoutChecks(current, calls);
    }
    return configuration().getCommandExecutorTxRequired().execute(context -> withoutChecks(context, calls));
  }

  /** {@link #withoutChecks(Supplier)} with {@code caller} as the authenticated user (the author). */
  public <T> T withoutChecks(Authentication caller, Supplier<T> calls) {
    return asCaller(caller, () -> withoutChecks(calls));
  }

  /** {@link #withoutChecks(Supplier)} for calls that return nothing. */
  public void withoutChecks(Runnable calls) {
    withoutChecks(() -> {
      calls.run();
      return null;
    });
  }

  private static <T> T withoutChecks(CommandContext context, Supplier<T> calls) {
    boolean tenantCheck = context.isTenantCheckEnabled();
    context.disableTenantCheck();
    try {
      return context.runWithoutAuthorization(calls::get);
    } finally {
      if (tenantCheck) {
        context.enableTenantCheck();
      }
    }
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }
}
