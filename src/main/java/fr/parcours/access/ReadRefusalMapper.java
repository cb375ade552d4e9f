package fr.parcours.access;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * The engine's own authorization refusals, in French and without naming what was refused. A refused
 * read means the caller may not know the case (or task) exists: 404, as for a case that does not
 * exist or belongs to another département ({@link TenantRefusalMapper}). Any other refusal of the
 * engine (a write on something the caller reads) is 403 in French; the {@link EngineGuard}'s and the
 * application's own refusals keep their message.
 */
@Provider
@Priority(900)
public class ReadRefusalMapper implements ExceptionMapper<AuthorizationException> {

  private static final Set<String> CASE_RESOURCES = Set.of(Resources.PROCESS_INSTANCE.resourceName(),
      Resources.TASK.resourceName(), Resources.HISTORIC_PROCESS_INSTANCE.resourceName(),
      Resources.HISTORIC_TASK.resourceName());

  private final TenantRefusalMapper.EngineExceptions engineExceptions = new TenantRefusalMapper.EngineExceptions();

  @Override
  public Response toResponse(AuthorizationException exception) {
    List<MissingAuthorization> missing = exception.getMissingAuthorizations();
    if (EngineGuard.Refused.in(exception) != null || missing == null || missing.isEmpty()) {
      // the guard's or the application's own refusal (its French message), 403 as before
      return engineExceptions.toResponse(exception);
    }
    if (aCaseRead(missing)) {
      return TenantRefusalMapper.notFound();
    }
    return Response.status(Response.Status.FORBIDDEN)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", "AuthorizationException", "message", "Action non autorisée pour vous sur ce dossier"))
        .build();
  }

  /** Only read permissions missing, one of them on a case or a task (not a definition, a filter…). */
  private static boolean aCaseRead(List<MissingAuthorization> missing) {
    return missing.stream().allMatch(m -> m.getViolatedPermissionName() != null && m.getViolatedPermissionName().startsWith("READ"))
        && missing.stream().anyMatch(m -> CASE_RESOURCES.contains(m.getResourceType()));
  }
}
