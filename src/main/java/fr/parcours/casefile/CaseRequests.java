package fr.parcours.casefile;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

import fr.parcours.casefile.CaseRequestRights.Relation;
import fr.parcours.casefile.CaseRequestRights.Type;
import fr.parcours.engine.EngineCalls;
import fr.parcours.identity.Groups;
import fr.parcours.identity.UserNames;
import fr.parcours.models.ModelContract.Tasks;
import fr.parcours.models.ModelContract.Variables;
import fr.parcours.validation.InvalidCaseInputException;
import fr.parcours.validation.JsonLists;
import fr.parcours.web.Refusal;

/**
 * The follow-up requests of a case (synthesis meeting, dispute, change of référent, exit), made by
 * a worker from the case file or over REST. A request is:
 * <ol>
 * <li>found: the case is looked up under the caller's own rights ({@link CaseLocator}: 404 when they
 * may not read it, whether it exists or not);</li>
 * <li>allowed: the caller's relation to the case entitles them to it ({@link CaseRequestRights}, 403
 * otherwise);</li>
 * <li>valid: a reason (at most {@value #MAX_REASON} characters), {@code requestedBy} and
 * {@code exitReason} as the model's message rules want them (400 with every problem in French);</li>
 * <li>awaited: the model waits for this message now (an event subscription of the case), and no change
 * of référent is pending (409 with the reason in French);</li>
 * <li>sent: in one engine command, under the caller's name but without their engine permissions, the
 * case journal gets the entry and the model's message is correlated (the engine's message rules
 * apply once more; the operation log records the correlation under the caller). A refusal changes
 * nothing.</li>
 * </ol>
 */
@Component
public class CaseRequests {

  public static final int MAX_REASON = 2000;
  private static final List<String> CASE_VARIABLES = List.of(Variables.COORDINATOR_ID, Variables.INTERVENERS,
      Variables.SHARING_CONSENT, Variables.TERRITORY);

  private final CaseLocator locator;
  private final EngineCalls engine;
  private final UserNames userNames;

  CaseRequests(CaseLocator locator, EngineCalls engine, UserNames userNames) {
    this.locator = locator;
    this.engine = engine;
    this.userNames = userNames;
  }

  /** What the buttons show: every request type, whether the caller may send it now, and why not. */
  public Map<String, Object> offered(Authentication caller, String caseId) {
    return locator.read(caller, caseId, pathway -> {
      Set<Relation> relations = relations(caller, pathway);
      List<Map<String, Object>> requests = new ArrayList<>();
      for (Type type : Type.values()) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", type.code);
        request.put("label", type.label);
        Set<Relation> entitled = CaseRequestRights.entitled(type, relations);
        String refusal = entitled.isEmpty() ? notEntitled(type) : notAwaited(type, pathway);
        request.put("allowed", refusal == null);
        request.put("reason", refusal);
        request.put("requestedBy", entitled.stream().map(relation -> relation.requestedBy).toList());
        requests.add(request);
      }
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("businessKey", pathway.getBusinessKey());
      answer.put("processInstanceId", pathway.getId());
      answer.put("requests", requests);
      answer.put("requesters", CaseRequestRights.REQUESTERS);
      answer.put("exitReasons", CaseRequestRights.EXIT_REASONS);
      answer.put("maxReasonLength", MAX_REASON);
      return answer;
    });
  }

  /** Makes a request: {@code {"type", "reason", "requestedBy", "exitReason"}} → {@code {id, type}}. */
  public Map<String, Object> make(Authentication caller, String caseId, Map<String, Object> body) {
    return locator.read(caller, caseId, pathway -> {
      Map<String, Object> input = body == null ? Map.of() : body;
      Object typeCode = input.get("type");
      Type type = typeCode instanceof String code ? Type.of(code) : null;
      if (type == null) {
        String problem = typeCode == null ? "type est obligatoire (synthesis, dispute, coordinatorChange ou withdrawal)"
            : "type doit être l'une des valeurs synthesis, dispute, coordinatorChange, withdrawal (reçu : « " + typeCode + " »)";
        throw Refusal.badRequest("Demande refusée : " + problem + ".", List.of(problem));
      }
      Set<Relation> entitled = CaseRequestRights.entitled(type, relations(caller, pathway));
      if (entitled.isEmpty()) {
        throw Refusal.forbidden(notEntitled(type));
      }
      List<String> problems = new ArrayList<>();
      String reason = reason(input.get("reason"), problems);
      String requestedBy = requestedBy(input.get("requestedBy"), entitled, problems);
      String exitReason = type == Type.WITHDRAWAL ? exitReason(input.get("exitReason"), problems) : null;
      if (!problems.isEmpty()) {
        throw Refusal.badRequest("Demande refusée (" + type.label + ") : " + String.join(" ; ", problems) + ".", problems);
      }
      String notAwaited = notAwaited(type, pathway);
      if (notAwaited != null) {
        throw Refusal.conflict(notAwaited);
      }
      return send(caller, pathway, type, reason, requestedBy, exitReason);
    });
  }

  private Map<String, Object> send(Authentication caller, HistoricProcessInstance pathway, Type type, String reason,
      String requestedBy, String exitReason) {
    VariableMap payload = org.camunda.bpm.engine.variable.Variables.createVariables();
    switch (type) {
      case SYNTHESIS -> payload.putValue("requestedBy", requestedBy).putValue("reason", reason);
      case DISPUTE, COORDINATOR_CHANGE -> payload.putValue("reason", reason);
      case WITHDRAWAL -> payload.putValue("exitReason", exitReason);
    }
    Comment entry = engine.engine().getTaskService()
        .createComment(null, pathway.getId(), journalEntry(caller, type, reason, requestedBy, exitReason));
    try {
      engine.engine().getRuntimeService().createMessageCorrelation(type.messageName)
          .processInstanceId(pathway.getId())
          .setVariables(payload)
          .correlateWithResult();
    } catch (InvalidCaseInputException invalid) {
      throw Refusal.badRequest(invalid.getMessage(), invalid.getProblems());
    } catch (MismatchingMessageCorrelationException notAwaited) {
      throw Refusal.conflict("Le dossier " + pathway.getBusinessKey() + " n'attend pas cette demande maintenant.");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", entry.getId());
    answer.put("type", type.code);
    answer.put("businessKey", pathway.getBusinessKey());
    answer.put("requestedBy", requestedBy);
    answer.put("journal", entry.getFullMessage());
    return answer;
  }

  /** « Réunion de synthèse demandée par Marie Durand (pour la personne) — motif : … » */
  private String journalEntry(Authentication caller, Type type, String reason, String requestedBy, String exitReason) {
    String in = switch (requestedBy) {
      case "coordinator" -> "référent de parcours";
      case "intervener" -> "intervenant";
      default -> "pour la personne";
    };
    StringBuilder text = new StringBuilder(type.journalTitle).append(" par ").append(userNames.fullName(caller.getUserId()))
        .append(" (").append(in).append(")");
    if (exitReason != null) {
      text.append(" — motif de sortie : ").append(CaseRequestRights.EXIT_REASONS.get(exitReason));
    }
    return text.append(" — motif : ").append(reason).toString();
  }

  /** The caller's relations to the case, from its variables (the case is readable: checked by the locator). */
  private Set<Relation> relations(Authentication caller, HistoricProcessInstance pathway) {
    Map<String, Object> variables = new HashMap<>();
    for (HistoricVariableInstance variable : engine.engine().getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(pathway.getId()).activityInstanceIdIn(pathway.getId())
        .variableNameIn(CASE_VARIABLES.toArray(String[]::new)).list()) {
      variables.put(variable.getName(), variable.getValue());
    }
    String user = caller.getUserId();
    Set<Relation> relations = EnumSet.noneOf(Relation.class);
    if (user.equals(variables.get(Variables.COORDINATOR_ID))) {
      relations.add(Relation.COORDINATOR);
    }
    boolean consent = Boolean.TRUE.equals(variables.get(Variables.SHARING_CONSENT));
    if (consent && JsonLists.elements(variables.get(Variables.INTERVENERS)).stream()
        .anyMatch(intervener -> user.equals(userId(intervener)))) {
      relations.add(Relation.INTERVENER);
    }
    Object territory = variables.get(Variables.TERRITORY);
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    if (territory instanceof String code && groups.contains(Groups.socialWorkers(code))) {
      relations.add(Relation.TERRITORY_SOCIAL_WORKER);
    }
    return relations;
  }

  private static String userId(SpinJsonNode intervener) {
    return intervener.hasProp("userId") && intervener.prop("userId").isString() ? intervener.prop("userId").stringValue() : null;
  }

  private static String notEntitled(Type type) {
    return "« " + type.label + " » est réservé " + CaseRequestRights.whoMay(type) + ".";
  }

  /** Why the model does not await this request now, or null when it does. */
  private String notAwaited(Type type, HistoricProcessInstance pathway) {
    String key = pathway.getBusinessKey();
    if (pathway.getEndTime() != null) {
      return "Le dossier " + key + " est clos : il n'attend plus de demande.";
    }
    RuntimeService runtime = engine.engine().getRuntimeService();
    boolean awaited = runtime.createEventSubscriptionQuery().eventType("message").eventName(type.messageName)
        .processInstanceId(pathway.getId()).count() > 0;
    if (!awaited) {
      return "Le dossier " + key + " n'attend pas cette demande à son étape actuelle (" + currentSteps(pathway) + ").";
    }
    if (type == Type.COORDINATOR_CHANGE && engine.engine().getTaskService().createTaskQuery()
        .processInstanceId(pathway.getId()).taskDefinitionKey(Tasks.REASSIGN_COORDINATOR).count() > 0) {
      return "Un changement de référent est déjà en cours pour le dossier " + key + " : la CTAS doit d'abord le traiter.";
    }
    return null;
  }

  /** The steps the case is at: open tasks, committee and timers of the pathway and of its running committee. */
  private String currentSteps(HistoricProcessInstance pathway) {
    HistoryService history = engine.engine().getHistoryService();
    List<String> instances = new ArrayList<>(List.of(pathway.getId()));
    history.createHistoricProcessInstanceQuery().superProcessInstanceId(pathway.getId()).unfinished().list()
        .forEach(committee -> instances.add(committee.getId()));
    String steps = instances.stream()
        .flatMap(instance -> history.createHistoricActivityInstanceQuery().processInstanceId(instance).unfinished()
            .orderByHistoricActivityInstanceStartTime().asc().list().stream())
        .filter(step -> step.getActivityName() != null && step.getActivityType().matches("userTask|intermediateTimer"))
        .map(HistoricActivityInstance::getActivityName)
        .distinct()
        .collect(Collectors.joining(", "));
    return steps.isEmpty() ? "aucune étape en cours" : steps;
  }

  private static String reason(Object value, List<String> problems) {
    if (value == null || value instanceof String text && text.isBlank()) {
      problems.add("reason (motif) est obligatoire");
      return null;
    }
    if (!(value instanceof String text)) {
      problems.add("reason (motif) doit être un texte");
      return null;
    }
    String reason = text.strip();
    int length = reason.codePointCount(0, reason.length());
    if (length > MAX_REASON) {
      problems.add("reason (motif) compte " + length + " caractères : " + MAX_REASON + " au plus");
    }
    return reason;
  }

  private static String requestedBy(Object value, Set<Relation> entitled, List<String> problems) {
    List<String> allowed = entitled.stream().map(relation -> relation.requestedBy).toList();
    if (value == null || value instanceof String text && text.isBlank()) {
      // the caller's own first: a référent who is also a social worker of the territory asks as référent
      return allowed.get(0);
    }
    if (!(value instanceof String text) || !allowed.contains(text.strip())) {
      problems.add("requestedBy : vous pouvez demander au nom de " + allowed.stream()
          .map(code -> code + " (" + CaseRequestRights.REQUESTERS.get(code) + ")").collect(Collectors.joining(", "))
          + ", pas « " + value + " »");
      return null;
    }
    return text.strip();
  }

  private static String exitReason(Object value, List<String> problems) {
    if (value == null || value instanceof String text && text.isBlank()) {
      problems.add("exitReason (motif de sortie) est obligatoire : " + String.join(", ", CaseRequestRights.EXIT_REASONS.keySet()));
      return null;
    }
    if (!(value instanceof String text) || !CaseRequestRights.EXIT_REASONS.containsKey(text)) {
      problems.add("exitReason doit être l'une des valeurs " + String.join(", ", CaseRequestRights.EXIT_REASONS.keySet())
          + " (reçu : « " + value + " »)");
      return null;
    }
    return text;
  }
}
