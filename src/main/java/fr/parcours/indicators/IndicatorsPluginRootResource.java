package fr.parcours.indicators;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.springframework.web.context.support.WebApplicationContextUtils;

import fr.parcours.indicators.IndicatorsEndpoint.Answer;
import fr.parcours.web.Refusal;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The Cockpit plugin's REST resources: {@code GET .../indicators} (JSON, or CSV with
 * {@code format=csv} or {@code Accept: text/csv}), {@code GET .../indicators/trend} (one indicator month by
 * month), {@code GET .../indicators/territories} (every territory's report in one answer) and
 * {@code GET .../indicators/scope}. The caller
 * is the user logged into Cockpit; the work is done by the application's {@link IndicatorsEndpoint},
 * found in the Spring context of the servlet context.
 */
@Path("plugin/" + IndicatorsCockpitPlugin.ID)
public class IndicatorsPluginRootResource extends AbstractCockpitPluginRootResource {

  public IndicatorsPluginRootResource() {
    super(IndicatorsCockpitPlugin.ID);
  }

  @Path("{engineName}/indicators")
  public Indicators indicators(@PathParam("engineName") String engineName) {
    return subResource(new Indicators(engineName, servletContext), engineName);
  }

  public static class Indicators extends AbstractCockpitPluginResource {

    private final ServletContext servletContext;

    public Indicators(String engineName, ServletContext servletContext) {
      super(engineName);
      this.servletContext = servletContext;
    }

    @GET
    public Response report(@QueryParam("tenant") String tenant, @QueryParam("territory") String territory,
        @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("format") String format,
        @HeaderParam(HttpHeaders.ACCEPT) String accept) {
      IndicatorsEndpoint endpoint = endpoint();
      boolean csv;
      try {
        csv = IndicatorsController.wantsCsv(format, accept);
      } catch (Refusal refused) {
        return respond(endpoint.error(refused));
      }
      return respond(endpoint.report(getCurrentAuthentication(), tenant, territory, from, to, csv));
    }

    @GET
    @Path("trend")
    public Response trend(@QueryParam("tenant") String tenant, @QueryParam("territory") String territory,
        @QueryParam("indicator") String indicator, @QueryParam("months") String months) {
      return respond(endpoint().trend(getCurrentAuthentication(), tenant, territory, indicator, months));
    }

    @GET
    @Path("territories")
    public Response territories(@QueryParam("tenant") String tenant, @QueryParam("from") String from,
        @QueryParam("to") String to) {
      return respond(endpoint().byTerritory(getCurrentAuthentication(), tenant, from, to));
    }

    @GET
    @Path("scope")
    public Response scope() {
      return respond(endpoint().scope(getCurrentAuthentication()));
    }

    private IndicatorsEndpoint endpoint() {
      return WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext)
          .getBean(IndicatorsEndpoint.class);
    }

    private static Response respond(Answer answer) {
      Response.ResponseBuilder response = Response.status(answer.status()).type(answer.contentType())
          .entity(answer.body());
      if (answer.filename() != null) {
        response.header("Content-Disposition", "attachment; filename=\"" + answer.filename() + "\"");
      }
      return response.build();
    }
  }
}
