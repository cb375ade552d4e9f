package fr.parcours.security;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

import fr.parcours.validation.InvalidInputExceptionMapper;
import fr.parcours.validation.MessageRequestGuard;

/** The engine REST API, plus the mapping of refused input to 400 and the explanation of refused messages. */
@Component
public class RestApiConfiguration extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(InvalidInputExceptionMapper.class);
    register(MessageRequestGuard.class);
  }
}
