package fr.parcours.casefile;

import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginResource;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;
import org.springframework.web.context.support.WebApplicationContextUtils;

import fr.parcours.documents.CaseDocuments;
import fr.parcours.pathway.Referrers;
import fr.parcours.web.Refusal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Tasklist plugin's REST resources, for the user logged into Tasklist:
 * <ul>
 * <li>{@code GET .../cases?search=&page=&size=}: « Mes parcours », the caller's open cases ({@link MyCases});</li>
 * <li>{@code GET .../cases/{id}}: the case file (summary, action plan, decisions, journal), {@code id}
 * being the process instance id of the pathway or of one of its technical committees (or the case
 * reference);</li>
 * <li>{@code POST .../cases/{id}/journal} {@code {"message": "..."}}: adds a note;</li>
 * <li>{@code GET} and {@code POST .../cases/{id}/requests}: the follow-up requests ({@link CaseRequests});</li>
 * <li>{@code GET .../cases/{businessKey}/documents/agreement.pdf}, {@code .../committee-decision.pdf}
 * and {@code .../mon-parcours.pdf}: the documents for the person ({@link CaseDocuments}), as the
 * REST API gives them, for the Tasklist session.</li>
 * <li>{@code GET .../referrers}: the options of the referral form's « Pour le compte de », the social
 * workers of the caller's territories ({@link Referrers}), filled in by {@code app/parcours/tasklist-choices.js}
 * since Tasklist gives a start form no variables.</li>
 * </ul>
 * The work is done by the application's {@link CaseFiles}, found in the Spring context of the
 * servlet context; refusals ({@link Refusal}) are answered with their JSON body.
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

  @Path("{engineName}/referrers")
  public ReferrerChoices referrers(@PathParam("engineName") String engineName) {
    return subResource(new ReferrerChoices(engineName, servletContext), engineName);
  }

  public static class ReferrerChoices extends AbstractTasklistPluginResource {

    private final ServletContext servletContext;

    public ReferrerChoices(String engineName, ServletContext servletContext) {
      super(engineName);
      this.servletContext = servletContext;
    }

    @GET
    public Response choices() {
      var context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
      ObjectMapper json = context.getBean(ObjectMapper.class);
      try {
        Object body;
        int status = 200;
        try {
          body = context.getBean(Referrers.class).choices(getProcessEngine().getIdentityService().getCurrentAuthentication());
        } catch (Refusal refused) {
          status = refused.status();
          body = refused.body();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON + ";charset=UTF-8")
            .entity(json.writeValueAsBytes(body)).build();
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static class Cases extends AbstractTasklistPluginResource {

    private final ServletContext servletContext;

    public Cases(String engineName, ServletContext servletContext) {
      super(engineName);
      this.servletContext = servletContext;
    }

    @GET
    public Response myCases(@QueryParam("search") String search, @QueryParam("page") String page,
        @QueryParam("size") String size) {
      return answer(() -> bean(MyCases.class).list(caller(), search, page, size));
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

    @GET
    @Path("{caseId}/requests")
    public Response requests(@PathParam("caseId") String caseId) {
      return answer(() -> bean(CaseRequests.class).offered(caller(), caseId));
    }

    @POST
    @Path("{caseId}/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response makeRequest(@PathParam("caseId") String caseId, String body) {
      try {
        return json(201, bean(CaseRequests.class).make(caller(), caseId, object(body)));
      } catch (Refusal refused) {
        return refusal(refused);
      }
    }

    @GET
    @Path("{businessKey}/documents/agreement.pdf")
    public Response agreement(@PathParam("businessKey") String businessKey) {
      return pdf(CaseDocuments.agreementFileName(businessKey), () -> bean(CaseDocuments.class).agreement(businessKey));
    }

    @GET
    @Path("{businessKey}/documents/committee-decision.pdf")
    public Response committeeDecision(@PathParam("businessKey") String businessKey) {
      return pdf(CaseDocuments.committeeDecisionFileName(businessKey),
          () -> bean(CaseDocuments.class).committeeDecision(businessKey));
    }

    @GET
    @Path("{businessKey}/documents/mon-parcours.pdf")
    public Response personCopy(@PathParam("businessKey") String businessKey) {
      return pdf(CaseDocuments.personCopyFileName(businessKey), () -> bean(CaseDocuments.class).personCopy(businessKey));
    }

    private Response pdf(String fileName, Supplier<byte[]> document) {
      try {
        return Response.ok(document.get(), CaseDocuments.PDF)
            .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
            // personal data: not to be kept by shared caches or proxies
            .header("Cache-Control", "no-store")
            .build();
      } catch (Refusal refused) {
        return refusal(refused);
      }
    }

    private Authentication caller() {
      return getProcessEngine().getIdentityService().getCurrentAuthentication();
    }

    private String message(String body) {
      try {
        JsonNode json = body == null || body.isBlank() ? null : bean(ObjectMapper.class).readTree(body);
        return json != null && json.path("message").isTextual() ? json.path("message").asText() : null;
      } catch (JsonProcessingException e) {
        throw Refusal.badRequest("La note n'a pas pu être lue : envoyez {\"message\": \"…\"}.");
      }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(String body) {
      try {
        return body == null || body.isBlank() ? null : bean(ObjectMapper.class).readValue(body, Map.class);
      } catch (JsonProcessingException e) {
        throw Refusal.badRequest("La demande n'a pas pu être lue : envoyez un objet JSON "
            + "{\"type\": …, \"reason\": \"…\", \"requestedBy\": …, \"exitReason\": …}.");
      }
    }

    private Response answer(Supplier<Object> work) {
      try {
        return json(200, work.get());
      } catch (Refusal refused) {
        return refusal(refused);
      }
    }

    private Response refusal(Refusal refused) {
      return json(refused.status(), refused.body());
    }

    private Response json(int status, Object body) {
      try {
        return Response.status(status).type(MediaType.APPLICATION_JSON + ";charset=UTF-8")
            .entity(bean(ObjectMapper.class).writeValueAsBytes(body)).build();
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    private <T> T bean(Class<T> type) {
      return WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext).getBean(type);
    }
  }
}
