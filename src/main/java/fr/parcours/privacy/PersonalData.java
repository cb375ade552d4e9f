package fr.parcours.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.json.SpinJsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.parcours.access.AuditTrail;
import fr.parcours.engine.EngineCalls;

/**
 * The person's rights (RGPD art. 15 and 17) on what the engine holds about a {@code personRef}:
 * every case (pathway and the technical committees it called), running or ended, of the
 * départements the operator may act for. Both operations run in one transaction each, leave an
 * entry in the user operation log attributed to the operator (operation types
 * {@value AuditTrail#OPERATION_TYPE_EXPORT} and {@value AuditTrail#OPERATION_TYPE_ERASE}, on each
 * case, without any personal data) and a line in the application log with ids only.
 */
@Component
public class PersonalData {

  private static final Logger LOG = LoggerFactory.getLogger(PersonalData.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ERASE_REASON = "Effacement des données personnelles (RGPD, art. 17)";
  /** The trace of the person's rights themselves stays (no personal data in it). */
  static final Set<String> RIGHTS_OPERATIONS = Set.of(AuditTrail.OPERATION_TYPE_EXPORT, AuditTrail.OPERATION_TYPE_ERASE);

  private final EngineCalls engineCalls;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final TaskService taskService;
  private final TransactionTemplate transactions;

  public PersonalData(ProcessEngine engine, EngineCalls engineCalls, PlatformTransactionManager transactionManager) {
    this.transactions = new TransactionTemplate(transactionManager);
    this.engineCalls = engineCalls;
    this.runtimeService = engine.getRuntimeService();
    this.historyService = engine.getHistoryService();
    this.taskService = engine.getTaskService();
  }

  /** Everything held about the person, case by case. {@code tenants} null: every département. */
  public Map<String, Object> export(String personRef, Operator operator) {
    return privileged(commandContext -> {
      List<Map<String, Object>> cases = new ArrayList<>();
      for (HistoricProcessInstance root : roots(personRef, operator.tenants())) {
        for (HistoricProcessInstance instance : hierarchy(root.getId())) {
          cases.add(describe(instance));
        }
        AuditTrail.log(AuditTrail.OPERATION_TYPE_EXPORT, root.getId(), root.getProcessDefinitionKey(), root.getTenantId(),
            List.of(new PropertyChange("rightOfAccess", null, "export")));
      }
      LOG.info("RGPD : export par {} de {} instance(s)", operator.userId(), cases.size());
      Map<String, Object> export = new LinkedHashMap<>();
      export.put("personRef", personRef);
      export.put("exportedAt", Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()).toString());
      export.put("exportedBy", operator.userId());
      export.put("cases", cases);
      return export;
    });
  }

  /**
   * Erases the person's cases, running and ended: the running instances are deleted (without
   * their listeners), then their history (variables, tasks, activities, comments, attachments,
   * details, job logs, grants on the history), the decisions evaluated for them and the entries of
   * the operation log about them (except the traces of earlier exports and erasures); last, the
   * erasure itself is logged. One database transaction: all or nothing.
   */
  public Map<String, Object> erase(String personRef, Operator operator) {
    return transactions.execute(status -> {
      // first the running instances: the history can only be deleted once the instances ended
      List<Erasure> erasures = privileged(commandContext -> {
        List<Erasure> planned = new ArrayList<>();
        for (HistoricProcessInstance root : roots(personRef, operator.tenants())) {
          List<String> instances = hierarchy(root.getId()).stream().map(HistoricProcessInstance::getId).toList();
          planned.add(new Erasure(root.getId(), root.getProcessDefinitionKey(), root.getTenantId(), instances));
          if (runtimeService.createProcessInstanceQuery().processInstanceId(root.getId()).count() > 0) {
            runtimeService.deleteProcessInstance(root.getId(), ERASE_REASON, true, true, true);
          }
        }
        return planned;
      });
      return privileged(commandContext -> {
        List<String> erased = new ArrayList<>();
        for (Erasure erasure : erasures) {
          List<String> operationLog = new ArrayList<>();
          List<String> decisions = new ArrayList<>();
          for (String instance : erasure.instances()) {
            historyService.createUserOperationLogQuery().processInstanceId(instance).list().stream()
                .filter(entry -> !RIGHTS_OPERATIONS.contains(entry.getOperationType()))
                .forEach(entry -> operationLog.add(entry.getId()));
            historyService.createHistoricDecisionInstanceQuery().processInstanceId(instance).list()
                .forEach(decision -> decisions.add(decision.getId()));
          }
          historyService.deleteHistoricProcessInstances(erasure.instances());
          decisions.forEach(historyService::deleteHistoricDecisionInstanceByInstanceId);
          operationLog.forEach(commandContext.getOperationLogManager()::deleteOperationLogEntryById);
          AuditTrail.log(AuditTrail.OPERATION_TYPE_ERASE, erasure.rootId(), erasure.processDefinitionKey(),
              erasure.tenantId(), List.of(new PropertyChange("nrOfInstances", null, erasure.instances().size())));
          erased.addAll(erasure.instances());
        }
        LOG.info("RGPD : effacement par {} de {} instance(s) {}", operator.userId(), erased.size(), erased);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("erasedInstances", erased.size());
        result.put("erasedBy", operator.userId());
        return result;
      });
    });
  }

  private record Erasure(String rootId, String processDefinitionKey, String tenantId, List<String> instances) {}

  /** The cases (root instances) that hold the personRef, in the operator's départements. */
  private List<HistoricProcessInstance> roots(String personRef, Collection<String> tenants) {
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery()
        .variableValueEquals("personRef", personRef);
    if (tenants != null) {
      if (tenants.isEmpty()) {
        return List.of();
      }
      query.tenantIdIn(tenants.toArray(String[]::new));
    }
    Set<String> rootIds = new LinkedHashSet<>();
    for (HistoricProcessInstance instance : query.orderByProcessInstanceStartTime().asc().list()) {
      rootIds.add(instance.getRootProcessInstanceId() != null ? instance.getRootProcessInstanceId() : instance.getId());
    }
    return rootIds.stream()
        .map(id -> historyService.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult())
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  private List<HistoricProcessInstance> hierarchy(String rootId) {
    return historyService.createHistoricProcessInstanceQuery().rootProcessInstanceId(rootId)
        .orderByProcessInstanceStartTime().asc().list();
  }

  private Map<String, Object> describe(HistoricProcessInstance instance) {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("processInstanceId", instance.getId());
    described.put("processDefinitionKey", instance.getProcessDefinitionKey());
    described.put("businessKey", instance.getBusinessKey());
    described.put("tenantId", instance.getTenantId());
    described.put("state", instance.getState());
    described.put("startTime", instance.getStartTime());
    described.put("endTime", instance.getEndTime());
    described.put("removalTime", instance.getRemovalTime());
    Map<String, Object> variables = new TreeMap<>();
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).list()) {
      String name = variable.getActivityInstanceId() == null || variable.getActivityInstanceId().equals(instance.getId())
          ? variable.getName()
          : variable.getName() + "@" + variable.getActivityInstanceId();
      variables.put(name, value(variable.getValue()));
    }
    described.put("variables", variables);
    List<Map<String, Object>> tasks = new ArrayList<>();
    historyService.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
        .orderByHistoricActivityInstanceStartTime().asc().list().forEach(task -> {
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("taskDefinitionKey", task.getTaskDefinitionKey());
          t.put("name", task.getName());
          t.put("assignee", task.getAssignee());
          t.put("startTime", task.getStartTime());
          t.put("endTime", task.getEndTime());
          t.put("deleteReason", task.getDeleteReason());
          tasks.add(t);
        });
    described.put("tasks", tasks);
    List<Map<String, Object>> comments = new ArrayList<>();
    taskService.getProcessInstanceComments(instance.getId()).forEach(comment -> {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("time", comment.getTime());
      c.put("userId", comment.getUserId());
      c.put("taskId", comment.getTaskId());
      c.put("message", comment.getFullMessage());
      comments.add(c);
    });
    described.put("comments", comments);
    List<Map<String, Object>> decisions = new ArrayList<>();
    for (HistoricDecisionInstance decision : historyService.createHistoricDecisionInstanceQuery()
        .processInstanceId(instance.getId()).includeInputs().includeOutputs().list()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("decisionDefinitionKey", decision.getDecisionDefinitionKey());
      d.put("evaluationTime", decision.getEvaluationTime());
      Map<String, Object> inputs = new LinkedHashMap<>();
      decision.getInputs().forEach(in -> inputs.put(in.getClauseName() != null ? in.getClauseName() : in.getClauseId(),
          value(in.getValue())));
      d.put("inputs", inputs);
      Map<String, Object> outputs = new LinkedHashMap<>();
      decision.getOutputs().forEach(out -> outputs.put(out.getVariableName(), value(out.getValue())));
      d.put("outputs", outputs);
      decisions.add(d);
    }
    described.put("decisions", decisions);
    List<Map<String, Object>> audit = new ArrayList<>();
    for (UserOperationLogEntry entry : historyService.createUserOperationLogQuery().processInstanceId(instance.getId())
        .orderByTimestamp().asc().list()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("timestamp", entry.getTimestamp());
      e.put("userId", entry.getUserId());
      e.put("operationType", entry.getOperationType());
      e.put("entityType", entry.getEntityType());
      e.put("property", entry.getProperty());
      e.put("newValue", entry.getNewValue());
      audit.add(e);
    }
    described.put("operationLog", audit);
    return described;
  }

  /** A variable value as JSON: Spin JSON as JSON, dates as ISO-8601 instants. */
  private static Object value(Object value) {
    if (value instanceof SpinJsonNode json) {
      try {
        return JSON.readTree(json.toString());
      } catch (java.io.IOException e) {
        return json.toString();
      }
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return String.valueOf(value);
  }

  /** One engine command without authorization or tenant checks: the operator's rights are checked by the caller. */
  private <T> T privileged(java.util.function.Function<CommandContext, T> work) {
    return engineCalls.withoutChecks(() -> work.apply(Context.getCommandContext()));
  }

  /** The authenticated operator and the départements they act for ({@code null}: all). */
  public record Operator(String userId, Collection<String> tenants) {}
}
