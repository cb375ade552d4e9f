package fr.parcours.security;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The webapps' engine API ({@code /camunda/api/engine}, the door Tasklist and Cockpit use) answers
 * like {@code /engine-rest}: same refusals, same French messages ({@link EngineApiProviders}).
 * Camunda's webapp initializer registers that API as the servlet « Engine Api » unless one of that
 * name exists; it is registered here first, with Camunda's own application plus the providers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WebappEngineApi implements ServletContextInitializer {

  /** The servlet name Camunda's webapp initializer gives its engine API. */
  static final String SERVLET_NAME = "Engine Api";

  private final CamundaBpmProperties properties;

  public WebappEngineApi(CamundaBpmProperties properties) {
    this.properties = properties;
  }

  @Override
  public void onStartup(ServletContext servletContext) {
    ServletRegistration.Dynamic api = servletContext.addServlet(SERVLET_NAME, ServletContainer.class);
    if (api == null) {
      return; // already registered
    }
    api.addMapping(properties.getWebapp().getApplicationPath() + "/api/engine/*");
    api.setInitParameters(Map.of("jakarta.ws.rs.Application", Application.class.getName()));
  }

  /** Camunda's engine API application with the application's providers. */
  public static class Application extends EngineRestApplication {

    @Override
    public Set<Class<?>> getClasses() {
      Set<Class<?>> classes = new HashSet<>(super.getClasses());
      classes.addAll(EngineApiProviders.CLASSES);
      return classes;
    }
  }
}
