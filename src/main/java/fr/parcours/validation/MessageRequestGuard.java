package fr.parcours.validation;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.util.EngineUtil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.identity.Groups;
import fr.parcours.models.ModelContract.Processes;

/**
 * Says why a message to a case is refused, in terms of the case, before the engine answers its
 * generic "no execution matches": no such case, case closed, or case at a step that does not
 * wait for that message. The lookups run as the caller (their authorizations apply), so the
 * answer reveals nothing about cases the caller may not see. Messages that name no business key
 * are left to the engine, and so are those of anyone but an operator: workers make their requests
 * through {@code /api/cases/{key}/requests}, and the engine refuses them the message (403).
 */
@Provider
public class MessageRequestGuard implements ContainerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().matches("/?message/?")) {
      return;
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    JsonNode message;
    try {
      message = JSON.readTree(body);
    } catch (IOException malformed) {
      return; // the engine's JSON handling answers it
    }
    String messageName = message.path("messageName").asText(null);
    String businessKey = message.path("businessKey").asText(null);
    if (messageName == null || businessKey == null) {
      return;
    }
    ProcessEngine engine = EngineUtil.lookupProcessEngine(null);
    Authentication caller = engine.getIdentityService().getCurrentAuthentication();
    if (caller == null || caller.getGroupIds() == null || !caller.getGroupIds().contains(Groups.ADMINS)) {
      return;
    }
    String refusal = refusal(engine, messageName, businessKey);
    if (refusal != null) {
      request.abortWith(Response.status(Response.Status.BAD_REQUEST)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(Map.of("type", "MessageRefused", "message", refusal))
          .build());
    }
  }

  static String refusal(ProcessEngine engine, String messageName, String businessKey) {
    HistoryService history = engine.getHistoryService();
    RuntimeService runtime = engine.getRuntimeService();
    List<HistoricProcessInstance> cases = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey).processDefinitionKey(Processes.PATHWAY).list();
    String refused = "Message « " + messageName + " » refusé : ";
    if (cases.isEmpty()) {
      return refused + "aucun dossier « " + businessKey + " » parmi ceux que vous pouvez voir";
    }
    HistoricProcessInstance pathway = cases.get(0);
    if (pathway.getEndTime() != null) {
      return refused + "le dossier " + businessKey + " est clos depuis le " + pathway.getEndTime().toInstant();
    }
    boolean waiting = runtime.createEventSubscriptionQuery()
        .eventType("message").eventName(messageName).processInstanceId(pathway.getId()).count() > 0;
    if (!waiting) {
      String steps = history.createHistoricActivityInstanceQuery().processInstanceId(pathway.getId()).unfinished()
          .list().stream()
          .filter(step -> step.getActivityName() != null && step.getActivityType().matches("userTask|callActivity|subProcess"))
          .map(HistoricActivityInstance::getActivityName)
          .distinct()
          .collect(Collectors.joining(", "));
      return refused + "le dossier " + businessKey + " n'attend pas ce message à son étape actuelle (" + steps + ")";
    }
    return null;
  }
}
