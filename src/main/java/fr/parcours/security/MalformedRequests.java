package fr.parcours.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;

/**
 * A malformed request is the caller's mistake, answered 400 with a French message, not 500 as the
 * REST API answers these engine errors: a query combining what cannot be combined in an "or" query,
 * a null element in a list of {@code orQueries}, a condition evaluation that concerns no process,
 * an update of a task that would change its tenant (a {@code PUT /task/{id}} without its tenant).
 * The message names no id.
 */
public final class MalformedRequests {

  /** Engine messages of errors caused by the request itself. */
  private static final List<Malformed> KNOWN = List.of(
      new Malformed("Invalid query usage", "Requête invalide : critères de recherche incompatibles"),
      new Malformed("ENGINE-13043", "Requête invalide : aucune démarche ne démarre sur cette condition"),
      new Malformed("ENGINE-03072", "Requête invalide : le département (tenantId) d'une tâche ne peut pas changer"));

  private MalformedRequests() {}

  /** The 400 answer for an engine error caused by the request, or null for any other error. */
  public static Response badRequest(ProcessEngineException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null) {
        for (Malformed known : KNOWN) {
          if (message.startsWith(known.engineMessage())) {
            return answer(known.message());
          }
        }
      }
    }
    return null;
  }

  static Response answer(String message) {
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", "InvalidRequestException", "message", message))
        .build();
  }

  private record Malformed(String engineMessage, String message) {}

  /**
   * A null pointer raised while the REST API reads the request's body into a query (e.g.
   * {@code "orQueries": [null]}) is a malformed body; any other one goes on to Camunda's handler.
   */
  @Provider
  @Priority(900)
  public static class NullInRequestBody implements ExceptionMapper<NullPointerException> {

    private final ExceptionHandler camundaHandler = new ExceptionHandler();

    @Override
    public Response toResponse(NullPointerException exception) {
      StackTraceElement[] trace = exception.getStackTrace();
      if (trace.length > 0 && trace[0].getClassName().startsWith("org.camunda.bpm.engine.rest.dto.")) {
        return answer("Requête invalide : élément vide dans la requête");
      }
      return camundaHandler.toResponse(exception);
    }
  }
}
