package fr.parcours.validation;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * The engine REST API wraps exceptions from listeners into a 500 on some endpoints (start, task
 * completion): refused input is the caller's mistake, so it is answered 400 with the rules' message,
 * in Camunda's error format. Anything else goes to Camunda's own handler.
 */
@Provider
@Priority(1000)
public class InvalidInputExceptionMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camundaHandler = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    Response refused = refusedInput(exception);
    return refused != null ? refused : camundaHandler.toResponse(exception);
  }

  /**
   * The 400 answer when refused input is the cause, or null: the rules' message alone (the engine's
   * prefixes such as « Cannot instantiate process definition … » are dropped) and every problem.
   */
  public static Response refusedInput(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidCaseInputException invalid) {
        return Response.status(Response.Status.BAD_REQUEST)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(Map.of("type", InvalidCaseInputException.class.getSimpleName(),
                "message", invalid.getMessage(),
                "problems", invalid.getProblems()))
            .build();
      }
    }
    return null;
  }
}
