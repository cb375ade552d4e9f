package fr.parcours.casefile;

import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginResource;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;
import org.springframework.web.context.support.WebApplicationContextUtils;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Tasklist plugin's REST resources, for the user logged into Tasklist:
 * <ul>
 * <li>{@code GET .../cases/{id}}: the case file (summary, action plan, decisions, journal), {@code id}
 * being the process instance id of the pathway or of one of its technical committees (or the case
 * reference);</li>
 * <li>{@code POST .../cases/{id}/journal} {@code {"message": "..."}}: adds a note.</li>
 * </ul>
 * The work is done by the application's {@link CaseFiles}, found in the Spring context of the
 * servlet context; refusals are answered {@code {status, message}}.
 */
@Path("plugin/" + CaseFileTasklistPlugin.ID)
public class CaseFilePluginRootResource extends AbstractTasklistPluginRootResource {

  public CaseFilePluginRootResource() {
    super(CaseFileTasklistPlugin.ID);
  }

  @Path("{engineName}/cases")
  public Cases cases(@PathParam("engineName") String engineName) {
    return subResource(new Cases(engineName, servletContext), engineName);
  }

  public static class Cases extends AbstractTasklistPluginResource {

    private final ServletContext servletContext;

    public Cases(String engineName, ServletContext servletContext) {
      super(engineName);
      this.servletContext = servletContext;
    }

    @GET
    @Path("{caseId}")
    public Response caseFile(@PathParam("caseId") String caseId) {
      return answer(() -> bean(CaseFiles.class).caseFile(caller(), caseId));
    }

    @POST
    @Path("{caseId}/journal")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addNote(@PathParam("caseId") String caseId, String body) {
      return answer(() -> bean(CaseFiles.class).addNote(caller(), caseId, message(body)));
    }

    private Authentication caller() {
      return getProcessEngine().getIdentityService().getCurrentAuthentication();
    }

    private String message(String body) {
      try {
        JsonNode json = body == null || body.isBlank() ? null : bean(ObjectMapper.class).readTree(body);
        return json != null && json.path("message").isTextual() ? json.path("message").asText() : null;
      } catch (JsonProcessingException e) {
        throw CaseFileException.badRequest("La note n'a pas pu être lue : envoyez {\"message\": \"…\"}.");
      }
    }

    private Response answer(Supplier<Object> work) {
      ObjectMapper json = bean(ObjectMapper.class);
      try {
        Object body;
        int status;
        try {
          body = work.get();
          status = 200;
        } catch (CaseFileException refused) {
          body = Map.of("status", refused.status(), "message", refused.getMessage());
          status = refused.status();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON + ";charset=UTF-8")
            .entity(json.writeValueAsBytes(body)).build();
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    private <T> T bean(Class<T> type) {
      return WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext).getBean(type);
    }
  }
}
