package fr.parcours.security;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** The engine REST API ({@code /engine-rest}) with the application's providers ({@link EngineApiProviders}). */
@Component
public class RestApiConfiguration extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    EngineApiProviders.CLASSES.forEach(this::register);
  }
}
