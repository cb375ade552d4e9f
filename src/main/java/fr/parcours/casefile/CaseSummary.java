package fr.parcours.casefile;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.parcours.engine.EngineCalls;
import fr.parcours.identity.Departements;
import fr.parcours.identity.UserNames;
import fr.parcours.models.ModelContract.Tasks;
import fr.parcours.models.ModelContract.Processes;

/**
 * The read model of a case file, from the engine's history of the pathway and of the technical
 * committees it called: the case at a glance (reference, person, territory, current steps,
 * référent, referral and planned end dates), the current action plan, the committees' decisions
 * sitting by sitting, and whether the agreement and a committee decision exist as documents.
 * The caller's access to the case is established before ({@link CaseLocator}).
 */
@Component
public class CaseSummary {

  static final Set<String> DECISION_VARIABLES = Set.of("committeeDecision", "coordinatorId", "decisionNotes",
      "coordinatorChoiceReason", "committeeDate", "purpose");
  private static final List<String> CASE_VARIABLES = List.of("caseReference", "personLabel", "territory",
      "coordinatorId", "planEndDate", "actionPlan");

  private final EngineCalls engine;
  private final UserNames userNames;
  private final Departements departements;
  private final ObjectMapper objectMapper;

  CaseSummary(EngineCalls engine, UserNames userNames, Departements departements, ObjectMapper objectMapper) {
    this.engine = engine;
    this.userNames = userNames;
    this.departements = departements;
    this.objectMapper = objectMapper;
  }

  public Map<String, Object> of(Authentication caller, HistoricProcessInstance pathway) {
    return engine.withoutChecks(caller, () -> read(pathway));
  }

  private Map<String, Object> read(HistoricProcessInstance pathway) {
    HistoryService history = engine.engine().getHistoryService();
    Map<String, Object> variables = caseVariables(history, pathway.getId());
    List<HistoricProcessInstance> committees = history.createHistoricProcessInstanceQuery()
        .superProcessInstanceId(pathway.getId())
        .processDefinitionKey(Processes.TECHNICAL_COMMITTEE)
        .orderByProcessInstanceStartTime().asc()
        .list();
    List<Map<String, Object>> decisions = new ArrayList<>();
    committees.forEach(committee -> decisions.addAll(sittings(history, committee)));

    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("processInstanceId", pathway.getId());
    summary.put("businessKey", pathway.getBusinessKey());
    summary.put("caseReference", variables.getOrDefault("caseReference", pathway.getBusinessKey()));
    summary.put("personLabel", variables.get("personLabel"));
    String territory = (String) variables.get("territory");
    summary.put("territory", territory);
    summary.put("territoryName", territoryName(territory, pathway.getTenantId()));
    summary.put("running", pathway.getEndTime() == null);
    summary.put("currentSteps", currentSteps(history, pathway, committees));
    String coordinatorId = (String) variables.get("coordinatorId");
    summary.put("coordinator", coordinatorId == null ? null
        : Map.of("id", coordinatorId, "name", userNames.fullName(coordinatorId)));
    summary.put("referralDate", iso(pathway.getStartTime()));
    summary.put("planEndDate", iso(variables.get("planEndDate")));
    summary.put("actionPlan", actionPlan(variables.get("actionPlan")));
    summary.put("decisions", decisions);
    summary.put("agreementAvailable", history.createHistoricTaskInstanceQuery()
        .processInstanceId(pathway.getId()).taskDefinitionKey(Tasks.SIGN_AGREEMENT).finished().list().stream()
        .anyMatch(task -> "completed".equals(task.getDeleteReason())));
    summary.put("committeeDecisionAvailable", !decisions.isEmpty());
    return summary;
  }

  /** Process-level variables of the pathway (not those local to a task or a branch). */
  private static Map<String, Object> caseVariables(HistoryService history, String pathwayId) {
    Map<String, Object> values = new HashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceId(pathwayId)
        .activityInstanceIdIn(pathwayId)
        .variableNameIn(CASE_VARIABLES.toArray(String[]::new))
        .list()) {
      values.put(variable.getName(), variable.getValue());
    }
    return values;
  }

  /** What the case waits for now: its open user tasks and timers, in the pathway and its running committee. */
  private static List<String> currentSteps(HistoryService history, HistoricProcessInstance pathway,
      List<HistoricProcessInstance> committees) {
    Set<String> steps = new LinkedHashSet<>();
    List<String> instances = new ArrayList<>();
    instances.add(pathway.getId());
    committees.stream().filter(c -> c.getEndTime() == null).forEach(c -> instances.add(c.getId()));
    for (String instance : instances) {
      for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
          .processInstanceId(instance).unfinished().orderByHistoricActivityInstanceStartTime().asc().list()) {
        if (("userTask".equals(activity.getActivityType()) || "intermediateTimer".equals(activity.getActivityType()))
            && activity.getActivityName() != null) {
          steps.add(activity.getActivityName());
        }
      }
    }
    return List.copyOf(steps);
  }

  /**
   * Each sitting of the committee (a completion of {@code holdCommittee}, an adjourned one
   * included), with what was recorded at that sitting. An adjourned committee sits again and
   * overwrites its variables, so each sitting's values are taken from the history of the updates
   * made by that very task (its activity instance), and its date from the scheduling before it.
   */
  private List<Map<String, Object>> sittings(HistoryService history, HistoricProcessInstance committee) {
    List<HistoricTaskInstance> held = completed(history, committee.getId(), Tasks.HOLD_COMMITTEE);
    if (held.isEmpty()) {
      return List.of();
    }
    List<HistoricTaskInstance> scheduled = completed(history, committee.getId(), Tasks.SCHEDULE_COMMITTEE);
    List<HistoricVariableUpdate> updates = history.createHistoricDetailQuery()
        .processInstanceId(committee.getId())
        .variableUpdates()
        .orderPartiallyByOccurrence().asc()
        .list().stream()
        .filter(detail -> detail instanceof HistoricVariableUpdate update
            && DECISION_VARIABLES.contains(update.getVariableName()))
        .map(HistoricVariableUpdate.class::cast)
        .toList();
    HistoricVariableInstance purpose = history.createHistoricVariableInstanceQuery()
        .processInstanceId(committee.getId()).variableName("purpose").singleResult();
    List<Map<String, Object>> sittings = new ArrayList<>();
    for (int i = 0; i < held.size(); i++) {
      HistoricTaskInstance sitting = held.get(i);
      Map<String, Object> values = valuesSetBy(updates, sitting.getActivityInstanceId());
      Object committeeDate = i < scheduled.size()
          ? valuesSetBy(updates, scheduled.get(i).getActivityInstanceId()).get("committeeDate") : null;
      String decision = (String) values.get("committeeDecision");
      boolean designates = "admit".equals(decision) || "extend".equals(decision);
      String coordinatorId = designates ? (String) values.get("coordinatorId") : null;
      Map<String, Object> described = new LinkedHashMap<>();
      described.put("committeeId", committee.getId());
      described.put("purpose", purpose == null ? null : purpose.getValue());
      described.put("date", iso(committeeDate instanceof Date date ? date : sitting.getEndTime()));
      described.put("decidedAt", iso(sitting.getEndTime()));
      described.put("decision", decision);
      described.put("coordinator", coordinatorId == null ? null
          : Map.of("id", coordinatorId, "name", userNames.fullName(coordinatorId)));
      described.put("decisionNotes", values.get("decisionNotes"));
      described.put("coordinatorChoiceReason", designates ? values.get("coordinatorChoiceReason") : null);
      sittings.add(described);
    }
    return sittings;
  }

  private static List<HistoricTaskInstance> completed(HistoryService history, String processInstanceId, String taskKey) {
    return history.createHistoricTaskInstanceQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey(taskKey)
        .finished()
        .orderByHistoricTaskInstanceEndTime().asc()
        .list().stream()
        .filter(task -> "completed".equals(task.getDeleteReason()))
        .toList();
  }

  /** The last value of each variable among the updates made by that activity instance (a task). */
  private static Map<String, Object> valuesSetBy(List<HistoricVariableUpdate> updates, String activityInstanceId) {
    Map<String, Object> values = new HashMap<>();
    updates.stream()
        .filter(update -> activityInstanceId != null && activityInstanceId.equals(update.getActivityInstanceId()))
        .forEach(update -> values.put(update.getVariableName(), update.getValue()));
    return values;
  }

  /** The action plan as plain JSON (a list of {id, label, domain, ownerName, dueDate, status}). */
  private List<Object> actionPlan(Object value) {
    if (!(value instanceof SpinJsonNode node) || !node.isArray()) {
      return List.of();
    }
    try {
      return objectMapper.readValue(node.toString(), objectMapper.getTypeFactory().constructCollectionType(List.class, Object.class));
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  private String territoryName(String territory, String tenantId) {
    if (territory == null || tenantId == null || !departements.tenants().containsKey(tenantId)) {
      return territory;
    }
    var known = departements.tenants().get(tenantId).territories().get(territory);
    return known == null ? territory : known.name();
  }

  private static String iso(Object date) {
    return date instanceof Date d ? d.toInstant().toString() : null;
  }
}
