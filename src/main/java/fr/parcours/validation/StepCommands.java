package fr.parcours.validation;

import java.util.Map;

import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;

import fr.parcours.engine.CommandArguments;

/**
 * The variables an engine command is about to write as a step: a task's completion, resolution or
 * form submission, a process start or start form submission. The engine keeps them in protected
 * fields of its commands with no getter, so they are read here by reflection, in this one place;
 * a Camunda upgrade that renames one fails the write guard's tests.
 */
final class StepCommands {

  /** A step's write: the task (or the process definition, by id or key and tenant) and its variables. */
  record StepWrite(String taskId, String processDefinitionId, String processDefinitionKey, String tenantId,
      Map<String, Object> variables) {

    boolean isStart() {
      return taskId == null;
    }
  }

  private StepCommands() {}

  /** The write of a step command, or null for any other command. */
  static StepWrite of(Object command) {
    // ResolveTaskCmd extends CompleteTaskCmd
    if (command instanceof CompleteTaskCmd) {
      return new StepWrite(CommandArguments.of(command, "taskId"), null, null, null, CommandArguments.of(command, "variables"));
    }
    if (command instanceof SubmitTaskFormCmd) {
      return new StepWrite(CommandArguments.of(command, "taskId"), null, null, null, CommandArguments.of(command, "properties"));
    }
    if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl start = CommandArguments.of(command, "instantiationBuilder");
      return new StepWrite(null, start.getProcessDefinitionId(), start.getProcessDefinitionKey(),
          start.getProcessDefinitionTenantId(), start.getVariables());
    }
    if (command instanceof SubmitStartFormCmd) {
      return new StepWrite(null, CommandArguments.of(command, "processDefinitionId"), null, null, CommandArguments.of(command, "variables"));
    }
    return null;
  }

}
