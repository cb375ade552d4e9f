package fr.parcours.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start when the first administrator's password is not provided. Spring's binder
 * would otherwise keep an unresolved {@code ${PARCOURS_ADMIN_PASSWORD}} as the literal password,
 * a password everybody knows. Runs after the configuration files are read, before any bean.
 */
public class AdminPasswordGuard implements EnvironmentPostProcessor, Ordered {

  static final String PROPERTY = "camunda.bpm.admin-user.password";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.containsProperty("camunda.bpm.admin-user.id")) {
      return;
    }
    String password;
    try {
      password = environment.getProperty(PROPERTY);
    } catch (IllegalArgumentException unresolved) {
      password = null;
    }
    if (password == null || password.isBlank() || password.contains("${")) {
      throw new IllegalStateException("No administrator password: set PARCOURS_ADMIN_PASSWORD"
          + " (or use the demo profile, whose administrator is demo/demo).");
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
