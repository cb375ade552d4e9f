package fr.parcours.validation;

import java.lang.reflect.Field;
import java.util.Map;

import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;

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
      return new StepWrite(field(command, "taskId"), null, null, null, field(command, "variables"));
    }
    if (command instanceof SubmitTaskFormCmd) {
      return new StepWrite(field(command, "taskId"), null, null, null, field(command, "properties"));
    }
    if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl start = field(command, "instantiationBuilder");
      return new StepWrite(null, start.getProcessDefinitionId(), start.getProcessDefinitionKey(),
          start.getProcessDefinitionTenantId(), start.getVariables());
    }
    if (command instanceof SubmitStartFormCmd) {
      return new StepWrite(null, field(command, "processDefinitionId"), null, null, field(command, "variables"));
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static <T> T field(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return (T) field.get(command);
      } catch (NoSuchFieldException notHere) {
        // declared by a superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("No field " + name + " in " + command.getClass().getName());
  }
}
