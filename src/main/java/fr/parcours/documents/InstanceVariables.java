package fr.parcours.documents;

import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;

/**
 * The process-level variables of one process instance as they were at a given moment, from the
 * history of their updates: a document shows what was decided or signed then, not what the case
 * became afterwards (a later reassessment changes the action plan, a reassignment the référent).
 * "At" is by the history's timestamps: what a later step (a later transaction, by a person) changed
 * is left out; what the same transaction changed after the moment is taken in.
 */
final class InstanceVariables {

  private final Map<String, Object> values;

  private InstanceVariables(Map<String, Object> values) {
    this.values = values;
  }

  /** The values at {@code moment} (inclusive); the current ones when the history has no update (history level below full). */
  static InstanceVariables at(HistoryService history, String processInstanceId, Date moment) {
    List<HistoricVariableInstance> processLevel = history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).activityInstanceIdIn(processInstanceId)
        .disableBinaryFetching().disableCustomObjectDeserialization().list();
    Set<String> processLevelIds = processLevel.stream().map(HistoricVariableInstance::getId).collect(Collectors.toSet());
    List<HistoricVariableUpdate> updates = history.createHistoricDetailQuery()
        .processInstanceId(processInstanceId)
        .variableUpdates()
        .disableBinaryFetching()
        .list().stream()
        .filter(HistoricVariableUpdate.class::isInstance)
        .map(HistoricVariableUpdate.class::cast)
        // process-level variables only: the rules and indicators keep local ones on tasks
        .filter(update -> processLevelIds.contains(update.getVariableInstanceId()))
        .filter(update -> !update.getTime().after(moment))
        .sorted(Comparator.comparing(HistoricVariableUpdate::getTime).thenComparingInt(HistoricVariableUpdate::getRevision))
        .toList();
    Map<String, Object> values = new HashMap<>();
    if (updates.isEmpty()) {
      for (HistoricVariableInstance variable : processLevel) {
        values.put(variable.getName(), variable.getValue());
      }
    }
    updates.forEach(update -> values.put(update.getVariableName(), update.getValue()));
    return new InstanceVariables(values);
  }

  Object get(String name) {
    return values.get(name);
  }

  String text(String name) {
    Object value = values.get(name);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  Date date(String name) {
    return values.get(name) instanceof Date date ? date : null;
  }
}
