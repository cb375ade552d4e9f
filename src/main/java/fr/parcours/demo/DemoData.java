package fr.parcours.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import fr.parcours.identity.AccessStructureSeeder;
import fr.parcours.identity.DemoUsersSeeder;
import fr.parcours.models.ManagersSeeder;
import fr.parcours.tenancy.TenantDecisionDeployer;

/**
 * The demo's cases, written at start-up <em>before the web server starts</em>: first the history
 * ({@link DemoHistory}, the engine clock set into the past case by case), then the sample cases of
 * today ({@link DemoCases}). Nobody can act in the meantime and the job executor is not started
 * yet (it starts once the application is ready), so the clock never moves under anyone: what users
 * do is always dated now. On PostgreSQL the nodes' start-up lock covers it (one node seeds).
 *
 * <p>First start only: each part is skipped when its cases exist, so a restart costs two queries.
 * The démarche's reference data the cases stand on (départements and groups, managers' groups,
 * demo users, the départements' decision tables) is made first by the seeders that own it; they
 * run again, finding everything done, once the application is ready. {@code DemoDataTest} starts
 * the demo as a first start does: a demo user in a group no seeder here makes fails it.
 */
@Component
@ConditionalOnExpression("${parcours.demo.sample-cases:false} or ${parcours.demo.history-cases:0} > 0")
public class DemoData implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  /** Just before the web server (its phase is {@code SMART_LIFECYCLE_PHASE - 1024}). */
  static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2048;

  private final Optional<DemoHistory> history;
  private final Optional<DemoCases> cases;
  private final AccessStructureSeeder accessStructure;
  private final ManagersSeeder managers;
  private final ObjectProvider<DemoUsersSeeder> users;
  private final TenantDecisionDeployer decisionTables;
  private volatile boolean running;
  private volatile boolean done;

  public DemoData(Optional<DemoHistory> history, Optional<DemoCases> cases, AccessStructureSeeder accessStructure,
      ManagersSeeder managers, ObjectProvider<DemoUsersSeeder> users, TenantDecisionDeployer decisionTables) {
    this.history = history;
    this.cases = cases;
    this.accessStructure = accessStructure;
    this.managers = managers;
    this.users = users;
    this.decisionTables = decisionTables;
  }

  @Override
  public void start() {
    running = true;
    boolean historyToWrite = history.filter(h -> !h.alreadySeeded()).isPresent();
    boolean casesToWrite = cases.filter(c -> !c.alreadySeeded()).isPresent();
    if (historyToWrite || casesToWrite) {
      long started = System.currentTimeMillis();
      LOG.info("Demo data: first start, writing the demo cases before the web server starts");
      referenceData();
      if (historyToWrite) {
        history.get().seed();
      }
      if (casesToWrite) {
        cases.get().seed();
      }
      LOG.info("Demo data: done in {} s", (System.currentTimeMillis() - started) / 1000);
    }
    done = true;
  }

  private void referenceData() {
    try {
      decisionTables.deployTenantTables();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    accessStructure.seed();
    managers.seed();
    // the demo users belong to the groups above: a seeder of other groups with demo users is added here
    users.ifAvailable(DemoUsersSeeder::seed);
  }

  /** Whether the demo cases have been written (or found written). */
  public boolean isDone() {
    return done;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
