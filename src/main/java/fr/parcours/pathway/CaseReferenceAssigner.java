package fr.parcours.pathway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives each case its readable reference {@code RP-<year>-<number>}, used as business key and
 * shown in Tasklist. The yearly counter is a row of the engine's property table, updated in the
 * starting transaction: two starts never get the same number, and none is lost (a start that
 * fails gives its number back with its rollback).
 *
 * <p>Concurrent starts, on one node or on several nodes sharing the database, wait for each other
 * on that row ({@code select … for update}) instead of colliding: without the row lock, every
 * start that ran alongside another failed at commit with an optimistic locking error, and the
 * caller had to start again. The row lock is held until the start commits (the first wait state,
 * a few tens of milliseconds). The rows of this year and the next are created at start; a row
 * still missing (a node running across two new years) is created in a transaction of its own.
 */
@Component("caseReferenceAssigner")
public class CaseReferenceAssigner implements ExecutionListener {

  private final ProcessEngine engine;

  public CaseReferenceAssigner(@Lazy ProcessEngine engine) {
    this.engine = engine;
  }

  /**
   * At start (nodes start one at a time, see {@code StartupLock}): the counters of this year and
   * the next exist before any case starts, so concurrent starts only ever wait on the row, never
   * race to create it.
   */
  @EventListener(ApplicationReadyEvent.class)
  @Order(5)
  public void createCounters() {
    int year = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of("Europe/Paris")).getYear();
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    createRow(configuration, counter(year));
    createRow(configuration, counter(year + 1));
  }

  static String counter(int year) {
    return "parcours.case-sequence." + year;
  }

  @Override
  public void notify(DelegateExecution execution) {
    int year = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of("Europe/Paris")).getYear();
    String reference = String.format("RP-%d-%06d", year, next(counter(year)));
    execution.setProcessBusinessKey(reference);
    execution.setVariable("caseReference", reference);
  }

  private static long next(String counter) {
    CommandContext commandContext = Context.getCommandContext();
    ProcessEngineConfigurationImpl configuration = commandContext.getProcessEngineConfiguration();
    if (!lockRow(commandContext, configuration, counter)) {
      createRow(configuration, counter);
      if (!lockRow(commandContext, configuration, counter)) {
        throw new ProcessEngineException("Case reference counter " + counter + " cannot be created");
      }
    }
    // Read after the lock: the value is the one committed by the previous start.
    PropertyEntity property = commandContext.getPropertyManager().findPropertyById(counter);
    long next = Long.parseLong(property.getValue()) + 1;
    property.setValue(Long.toString(next));
    return next;
  }

  /** Locks the counter's row until the end of the transaction; false when there is no row yet. */
  private static boolean lockRow(CommandContext commandContext, ProcessEngineConfigurationImpl configuration,
      String counter) {
    String table = configuration.getDatabaseTablePrefix() + "ACT_GE_PROPERTY";
    Connection connection = commandContext.getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement lock = connection.prepareStatement(
        "select NAME_ from " + table + " where NAME_ = ? for update")) {
      lock.setString(1, counter);
      try (ResultSet row = lock.executeQuery()) {
        return row.next();
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("Cannot lock the case reference counter " + counter, e);
    }
  }

  /** The year's first case: the row at 0, committed at once; a concurrent creation wins the same. */
  private static void createRow(ProcessEngineConfigurationImpl configuration, String counter) {
    try {
      configuration.getCommandExecutorTxRequiresNew().execute(commandContext -> {
        if (commandContext.getPropertyManager().findPropertyById(counter) == null) {
          commandContext.getDbEntityManager().insert(new PropertyEntity(counter, "0"));
        }
        return null;
      });
    } catch (ProcessEngineException createdByAnotherStart) {
      // Duplicate key: another start created the row meanwhile; it exists, which is all we need.
    }
  }
}
