package fr.parcours.validation;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import fr.parcours.models.ModelContract.Messages;

/**
 * Messages arrive with their payload as process variables. Several synthesis requests or disputes
 * may be open at once, so each request's reason is moved to the branch it opened (local variables
 * of that branch, visible to its tasks) instead of being overwritten by the next message.
 */
final class MessagePayload {

  /** Payload variable → name of the branch-local copy, per message. */
  private static final Map<String, Map<String, String>> BRANCH_VARIABLES = Map.of(
      Messages.SYNTHESIS_REQUESTED, Map.of("reason", "synthesisReason", "requestedBy", "requestedBy"),
      Messages.DISPUTE_RAISED, Map.of("reason", "disputeReason"),
      Messages.COORDINATOR_CHANGE_REQUESTED, Map.of("reason", "changeReason"));

  private MessagePayload() {}

  static void keepWithBranch(String messageName, DelegateExecution branch) {
    Map<String, String> variables = BRANCH_VARIABLES.getOrDefault(messageName, Map.of());
    variables.forEach((payload, local) -> {
      Object value = branch.getVariable(payload);
      branch.getProcessInstance().removeVariableLocal(payload);
      branch.setVariableLocal(local, value);
    });
  }
}
