package fr.parcours.security;

import java.util.List;

import fr.parcours.access.ReadRefusalMapper;
import fr.parcours.access.TenantRefusalMapper;
import fr.parcours.models.ModelDeploymentRefusedMapper;
import fr.parcours.validation.MessageRequestGuard;

/**
 * What the application adds to the engine's REST API, on both doors: {@code /engine-rest}
 * ({@link RestApiConfiguration}) and the webapps' own {@code /camunda/api/engine}, which Tasklist
 * calls ({@link WebappEngineApi}). Engine errors wrapped by the API go through one chain: another
 * département's case → 404 ({@link TenantRefusalMapper}), a refused read → 404 and any other engine
 * refusal → 403 in French ({@link ReadRefusalMapper}), refused input → 400 with the form's
 * labels and no engine prefix ({@code InvalidInputExceptionMapper}), then Camunda's own handler.
 */
public final class EngineApiProviders {

  public static final List<Class<?>> CLASSES = List.of(
      TenantRefusalMapper.WrappedExceptions.class,
      TenantRefusalMapper.EngineExceptions.class,
      ReadRefusalMapper.class,
      MessageRequestGuard.class,
      MalformedRequests.NullInRequestBody.class,
      ModelDeploymentRefusedMapper.class);

  private EngineApiProviders() {}
}
