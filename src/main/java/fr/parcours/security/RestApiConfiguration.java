package fr.parcours.security;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

import fr.parcours.access.TenantRefusalMapper;
import fr.parcours.models.ModelDeploymentRefusedMapper;
import fr.parcours.validation.MessageRequestGuard;

/**
 * The engine REST API, plus the mapping of refused input to 400 and the explanation of refused
 * messages. Engine errors wrapped by the API go through one chain: another département's case →
 * 404 ({@link TenantRefusalMapper}), refused input → 400 ({@code InvalidInputExceptionMapper}), then
 * Camunda's own handler.
 */
@Component
public class RestApiConfiguration extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(TenantRefusalMapper.WrappedExceptions.class);
    register(TenantRefusalMapper.EngineExceptions.class);
    register(MessageRequestGuard.class);
    register(MalformedRequests.NullInRequestBody.class);
    register(ModelDeploymentRefusedMapper.class);
  }
}
