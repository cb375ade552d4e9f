package fr.parcours.models;

import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A refused deployment over {@code /engine-rest/deployment/create}: 400 with the French message
 * (shown by Camunda Modeler as it is) and every problem, in the shape of the other refusals.
 */
@Provider
@Priority(900)
public class ModelDeploymentRefusedMapper implements ExceptionMapper<ModelDeploymentRefusedException> {

  @Override
  public Response toResponse(ModelDeploymentRefusedException refused) {
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", ModelDeploymentRefusedException.class.getSimpleName(),
            "message", refused.getMessage(),
            "problems", refused.getProblems()))
        .build();
  }
}
