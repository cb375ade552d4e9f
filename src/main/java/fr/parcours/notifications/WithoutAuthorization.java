package fr.parcours.notifications;

import java.util.function.Supplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Runs engine look-ups for a notification without the authorizations of whoever did the step: who
 * is told what does not depend on the caller. Inside the engine's current command when there is
 * one (listeners, delegates), else in a command of its own.
 */
final class WithoutAuthorization {

  private WithoutAuthorization() {}

  static <T> T run(ProcessEngine engine, Supplier<T> lookup) {
    CommandContext current = Context.getCommandContext();
    if (current != null) {
      return current.runWithoutAuthorization(lookup::get);
    }
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(commandContext -> commandContext.runWithoutAuthorization(lookup::get));
  }
}
