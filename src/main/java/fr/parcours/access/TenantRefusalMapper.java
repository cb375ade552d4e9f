package fr.parcours.access;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;

import fr.parcours.security.MalformedRequests;
import fr.parcours.validation.InvalidInputExceptionMapper;

/**
 * A case of another département is, for the caller, a case that does not exist: the engine refuses
 * it with its tenant check ("belongs to no authenticated tenant"), which the REST API would answer
 * 500 like a server failure. It is answered 404, as a case of another territory is, with nothing
 * about the case. A refusal of the {@link EngineGuard} that the engine or the REST API wrapped in
 * another exception answers 403, as it does unwrapped. Anything else goes on to the usual handlers.
 */
public final class TenantRefusalMapper {

  static final String TENANT_CHECK = "belongs to no authenticated tenant";

  private TenantRefusalMapper() {}

  static boolean isTenantRefusal(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ProcessEngineException && cause.getMessage() != null && cause.getMessage().contains(TENANT_CHECK)) {
        return true;
      }
    }
    return false;
  }

  static Response notFound() {
    return Response.status(Response.Status.NOT_FOUND)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", "NotFound", "message", "Ressource inexistante ou hors de votre département"))
        .build();
  }

  static Response forbidden(EngineGuard.Refused refused) {
    return Response.status(Response.Status.FORBIDDEN)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", "AuthorizationException", "message", refused.getMessage()))
        .build();
  }

  /** Engine exceptions the REST API lets through (e.g. reading the variables of a process instance). */
  @Provider
  @Priority(900)
  public static class EngineExceptions implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler camundaHandler = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      if (isTenantRefusal(exception)) {
        return notFound();
      }
      Response refusedInput = InvalidInputExceptionMapper.refusedInput(exception);
      if (refusedInput != null) {
        return refusedInput;
      }
      EngineGuard.Refused refused = EngineGuard.Refused.in(exception);
      if (refused != null && refused != exception) {
        // wrapped by the engine (a job execution): the refusal, not a failure
        return forbidden(refused);
      }
      if (exception instanceof TaskAlreadyClaimedException) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
            .entity(Map.of("type", "TaskAlreadyClaimedException",
                "message", "Cette tâche est déjà prise en charge par un autre professionnel"))
            .build();
      }
      if (exception instanceof NullValueException && exception.getMessage() != null
          && exception.getMessage().matches("(?s).*(doesn't exist|does not exist|not found|No task found).*")) {
        // an id that names nothing: the same answer as a case the caller may not read
        return notFound();
      }
      Response malformed = MalformedRequests.badRequest(exception);
      return malformed != null ? malformed : camundaHandler.toResponse(exception);
    }
  }

  /**
   * Engine exceptions the REST API wraps (e.g. completing a task, executing a job: the engine guard's
   * refusal answers 403 there too); the rest goes to the input-refusal mapper.
   */
  @Provider
  @Priority(900)
  public static class WrappedExceptions implements ExceptionMapper<RestException> {

    private final InvalidInputExceptionMapper next = new InvalidInputExceptionMapper();

    @Override
    public Response toResponse(RestException exception) {
      if (isTenantRefusal(exception)) {
        return notFound();
      }
      EngineGuard.Refused refused = EngineGuard.Refused.in(exception);
      if (refused != null) {
        return forbidden(refused);
      }
      if (exception.getStatus() == Response.Status.NOT_FOUND) {
        // "does not exist": worded as a case one may not read, so that neither tells the other apart
        return notFound();
      }
      return next.toResponse(exception);
    }
  }
}
