package fr.parcours.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.parcours.casefile.CaseLocator;

/**
 * {@code GET /api/cases/{businessKey}/audit}: the audit trail of a case (the pathway and the
 * technical committees it called), from Camunda's user operation log: who started it, completed
 * which task, changed which variables, sent which message, and which grants on the case were
 * created, changed or revoked, in time order. Only for a caller who may read the case file
 * ({@link CaseLocator}: the caller's own authorizations and tenants, pilots never); anyone else
 * gets 404, as if the case did not exist.
 */
@RestController
@RequestMapping("/api/cases")
public class CaseAuditController {

  private final HistoryService historyService;
  private final IdentityService identityService;
  private final CaseLocator caseLocator;

  public CaseAuditController(ProcessEngine engine, CaseLocator caseLocator) {
    this.historyService = engine.getHistoryService();
    this.identityService = engine.getIdentityService();
    this.caseLocator = caseLocator;
  }

  @GetMapping("/{businessKey}/audit")
  public Map<String, Object> audit(@PathVariable String businessKey) {
    Authentication caller = identityService.getCurrentAuthentication();
    // whoever may read the case file may read its trail (the case file's rule: pilots never)
    return caseLocator.read(caller, businessKey, pathway -> {
      Map<String, Object> audit = new LinkedHashMap<>();
      audit.put("businessKey", businessKey);
      audit.put("processInstanceId", pathway.getId());
      audit.put("entries", trail(pathway));
      return audit;
    });
  }

  private List<Map<String, Object>> trail(HistoricProcessInstance pathway) {
    List<String> instances = historyService.createHistoricProcessInstanceQuery()
        .rootProcessInstanceId(pathway.getId()).list().stream().map(HistoricProcessInstance::getId).toList();
    Set<String> caseResources = new LinkedHashSet<>(instances);
    List<UserOperationLogEntry> entries = new ArrayList<>();
    Map<String, Set<String>> variablesByOperation = new HashMap<>();
    for (String instance : instances) {
      entries.addAll(historyService.createUserOperationLogQuery().processInstanceId(instance).list());
      historyService.createHistoricTaskInstanceQuery().processInstanceId(instance).list()
          .forEach(task -> caseResources.add(task.getId()));
      for (HistoricDetail detail : historyService.createHistoricDetailQuery().processInstanceId(instance)
          .variableUpdates().disableBinaryFetching().disableCustomObjectDeserialization().list()) {
        if (detail.getUserOperationId() != null && detail instanceof HistoricVariableUpdate update) {
          variablesByOperation.computeIfAbsent(detail.getUserOperationId(), id -> new TreeSet<>()).add(update.getVariableName());
        }
      }
    }
    entries.addAll(authorizationChanges(pathway, caseResources));
    return entries.stream()
        .sorted(Comparator.comparing(UserOperationLogEntry::getTimestamp).thenComparing(UserOperationLogEntry::getId))
        .map(entry -> describe(entry, variablesByOperation))
        .toList();
  }

  /** Entries of the grants on the case's resources (process instances, tasks), created, changed or revoked. */
  private List<UserOperationLogEntry> authorizationChanges(HistoricProcessInstance pathway, Set<String> caseResources) {
    Date since = new Date(pathway.getStartTime().getTime() - 24 * 3600 * 1000L);
    Set<String> operations = new LinkedHashSet<>();
    for (UserOperationLogEntry resource : historyService.createUserOperationLogQuery()
        .entityType(EntityTypes.AUTHORIZATION).property("resourceId").afterTimestamp(since).list()) {
      if (caseResources.contains(resource.getNewValue()) || caseResources.contains(resource.getOrgValue())) {
        operations.add(resource.getOperationId());
      }
    }
    List<UserOperationLogEntry> entries = new ArrayList<>();
    for (String operation : operations) {
      historyService.createUserOperationLogQuery().operationId(operation).entityType(EntityTypes.AUTHORIZATION).list()
          .forEach(entries::add);
    }
    return entries;
  }

  private static Map<String, Object> describe(UserOperationLogEntry entry, Map<String, Set<String>> variablesByOperation) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("timestamp", entry.getTimestamp());
    row.put("userId", entry.getUserId());
    row.put("operationType", entry.getOperationType());
    row.put("entityType", entry.getEntityType());
    row.put("category", entry.getCategory());
    row.put("property", entry.getProperty());
    row.put("orgValue", entry.getOrgValue());
    row.put("newValue", entry.getNewValue());
    row.put("processInstanceId", entry.getProcessInstanceId());
    row.put("processDefinitionKey", entry.getProcessDefinitionKey());
    row.put("taskId", entry.getTaskId());
    row.put("operationId", entry.getOperationId());
    Set<String> variables = variablesByOperation.get(entry.getOperationId());
    if (variables != null && !EntityTypes.AUTHORIZATION.equals(entry.getEntityType())) {
      row.put("variables", variables);
    }
    return row;
  }
}
