package fr.parcours.access;

import java.util.List;

import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.oplog.UserOperationLogContext;
import org.camunda.bpm.engine.impl.oplog.UserOperationLogContextEntryBuilder;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;

/**
 * Entries of Camunda's user operation log that the engine does not write by itself: a message
 * received by a case, and the person's rights exercised on it (the start of a case, task
 * completions, variable updates through the API and authorization changes are logged by the
 * engine). Like the engine's own entries, they are written
 * only when a user is authenticated, carry that user, the operation id of the command (which the
 * variable updates of the same command also carry) and the case's removal time.
 */
public final class AuditTrail {

  /** Operation type of an export of personal data (right of access). */
  public static final String OPERATION_TYPE_EXPORT = "ExportPersonalData";
  /** Operation type of an erasure of personal data (right to erasure). */
  public static final String OPERATION_TYPE_ERASE = "ErasePersonalData";

  private AuditTrail() {}

  static void messageReceived(DelegateExecution execution, String messageName) {
    log(UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE, (ExecutionEntity) execution,
        UserOperationLogEntry.CATEGORY_OPERATOR, List.of(new PropertyChange("messageName", null, messageName)));
  }

  /** An entry about a process instance, in the current command, attributed to the authenticated user. */
  public static void log(String operationType, ExecutionEntity execution, String category, List<PropertyChange> changes) {
    UserOperationLogContext context = new UserOperationLogContext();
    context.addEntry(UserOperationLogContextEntryBuilder.entry(operationType, EntityTypes.PROCESS_INSTANCE)
        .inContextOf(execution, changes)
        .category(category)
        .create());
    Context.getCommandContext().getOperationLogManager().logUserOperations(context);
  }

  /** An entry about a process instance known by its ids only (e.g. one being erased). */
  public static void log(String operationType, String processInstanceId, String processDefinitionKey, String tenantId,
      List<PropertyChange> changes) {
    UserOperationLogContext context = new UserOperationLogContext();
    context.addEntry(UserOperationLogContextEntryBuilder.entry(operationType, EntityTypes.PROCESS_INSTANCE)
        .processInstanceId(processInstanceId)
        .processDefinitionKey(processDefinitionKey)
        .tenantId(tenantId)
        .propertyChanges(changes)
        .category(UserOperationLogEntry.CATEGORY_OPERATOR)
        .create());
    Context.getCommandContext().getOperationLogManager().logUserOperations(context);
  }
}
