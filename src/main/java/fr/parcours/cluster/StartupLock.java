package fr.parcours.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Nodes sharing one PostgreSQL database start one at a time: from the engine's bootstrap (first
 * administrator) to the end of the seeders run at {@link ApplicationReadyEvent} (tenants, groups,
 * grants, Tasklist filters, demo users and cases). These steps check, then create; two nodes
 * starting together on an empty database would both create, and the second would die on a
 * unique constraint, or (sample cases) create everything twice. Serialised, the second node finds
 * everything done by the first and creates nothing.
 *
 * <p>The lock is a PostgreSQL session advisory lock held on one connection: it never blocks the
 * engine's work of the nodes already running, and PostgreSQL releases it by itself when the
 * holder dies (kill -9, lost connection). On any other database (the embedded H2 demo, a single
 * node) it does nothing.
 */
@Component
public class StartupLock extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);

  /** Advisory lock key: "parcours" in ASCII. */
  static final long KEY = 0x7061_7263_6f75_7273L;

  private final DataSource dataSource;
  private final Duration timeout;
  private Connection holder;

  public StartupLock(DataSource dataSource,
      @Value("${parcours.cluster.startup-lock-timeout:PT10M}") Duration timeout) {
    this.dataSource = dataSource;
    this.timeout = timeout;
  }

  /** Before the engine is built: wait for the other nodes to finish starting. */
  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    acquire();
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    // The starter creates the first administrator here, under the lock (held until ready).
  }

  /** After every seeder (they run with lower orders). */
  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.LOWEST_PRECEDENCE)
  public void onReady() {
    release();
  }

  @EventListener({ApplicationFailedEvent.class, ContextClosedEvent.class})
  public void onStop() {
    release();
  }

  synchronized void acquire() {
    if (holder != null) {
      return;
    }
    try {
      Connection connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return;
      }
      connection.setAutoCommit(true);
      long deadline = System.nanoTime() + timeout.toNanos();
      boolean waited = false;
      while (!tryLock(connection)) {
        if (!waited) {
          LOG.info("Another node is starting on this database: waiting for it to finish (at most {})", timeout);
          waited = true;
        }
        if (System.nanoTime() > deadline) {
          connection.close();
          throw new IllegalStateException("Another node has been starting on this database for more than "
              + timeout + " (parcours.cluster.startup-lock-timeout): giving up");
        }
        Thread.sleep(1000);
      }
      holder = connection;
      if (waited) {
        LOG.info("Start-up lock acquired");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the start-up lock on the database", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the start-up lock", e);
    }
  }

  synchronized void release() {
    if (holder == null) {
      return;
    }
    try (Connection connection = holder) {
      try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
        unlock.setLong(1, KEY);
        unlock.execute();
      }
    } catch (SQLException e) {
      // The connection is broken: the pool discards it, and the database ends its session,
      // which releases the lock.
      LOG.debug("Start-up lock not released explicitly", e);
    } finally {
      holder = null;
    }
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
      lock.setLong(1, KEY);
      try (ResultSet result = lock.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }
}
