package fr.parcours.support;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.AdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.CockpitRuntimeDelegate;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.TasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.WelcomeRuntimeDelegate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second instance of the application in the suite's JVM (a restart, the demo's first start, a
 * production-like start), beside the suite's shared one.
 * <p>
 * Camunda's webapps keep their runtime in static fields: a second web application replaces them
 * when it starts and clears them when it stops, after which the suite's Tasklist and Cockpit
 * answer 500 (« Cockpit.getRuntimeDelegate() is null »). This puts back the suite's own once the
 * second instance has stopped, or failed to start.
 */
public final class AnotherApplication implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final Webapps suites;

  private AnotherApplication(ConfigurableApplicationContext context, Webapps suites) {
    this.context = context;
    this.suites = suites;
  }

  public static AnotherApplication start(SpringApplicationBuilder application, String... arguments) {
    Webapps suites = Webapps.current();
    try {
      return new AnotherApplication(application.run(arguments), suites);
    } catch (RuntimeException failedToStart) {
      suites.restore();
      throw failedToStart;
    }
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public <T> T getBean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      suites.restore();
    }
  }

  private record Webapps(CockpitRuntimeDelegate cockpit, TasklistRuntimeDelegate tasklist, AdminRuntimeDelegate admin,
      WelcomeRuntimeDelegate welcome) {

    static Webapps current() {
      return new Webapps(Cockpit.getRuntimeDelegate(), Tasklist.getRuntimeDelegate(), Admin.getRuntimeDelegate(),
          Welcome.getRuntimeDelegate());
    }

    void restore() {
      Cockpit.setCockpitRuntimeDelegate(cockpit);
      Tasklist.setTasklistRuntimeDelegate(tasklist);
      Admin.setAdminRuntimeDelegate(admin);
      Welcome.setRuntimeDelegate(welcome);
    }
  }
}
