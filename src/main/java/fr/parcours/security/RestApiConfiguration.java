package fr.parcours.security;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

import fr.parcours.validation.InvalidInputExceptionMapper;

/** The engine REST API, plus the mapping of refused input to 400. */
@Component
public class RestApiConfiguration extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(InvalidInputExceptionMapper.class);
  }
}
