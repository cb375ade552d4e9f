package fr.parcours.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * What need-to-know access reads from the database once per engine command, however many listeners
 * of the command ask: a step usually completes one task and creates the next (two grant syncs),
 * and both need the case's grants and the pilots. The database does not change under a command
 * (the engine writes at its end); what the command itself changes is in the engine's entity cache,
 * which {@link CaseGrants} reads on top of these. A session of the engine: opened with the
 * command, dropped with it.
 */
final class CommandMemo implements Session {

  private final Map<String, List<AuthorizationEntity>> storedGrants = new HashMap<>();
  private Set<String> pilots;

  static CommandMemo current() {
    return Context.getCommandContext().getSession(CommandMemo.class);
  }

  /** The stored grants on a resource id, read once. */
  List<AuthorizationEntity> storedGrants(String resourceId, Supplier<List<AuthorizationEntity>> read) {
    return storedGrants.computeIfAbsent(resourceId, id -> read.get());
  }

  /** Whether the stored grants on this resource id were read in this command. */
  boolean knowsStoredGrants(String resourceId) {
    return storedGrants.containsKey(resourceId);
  }

  /** The members of the pilots group, read once. */
  Set<String> pilots(Supplier<Set<String>> read) {
    if (pilots == null) {
      pilots = read.get();
    }
    return pilots;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  /** Opens a memo for each command that asks for one. */
  static class Factory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return CommandMemo.class;
    }

    @Override
    public Session openSession() {
      return new CommandMemo();
    }
  }
}
