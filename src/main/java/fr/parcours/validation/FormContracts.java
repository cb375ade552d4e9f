package fr.parcours.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.FormData;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The step's contract: the Camunda Form a user task or a start event resolves in the engine, as
 * Tasklist would show it ({@code camunda:formRef} with its binding: {@code deployment},
 * {@code latest} or {@code version}, resolved like {@code GET /task/{id}/deployed-form}), parsed
 * into a {@link FormContract}. A step a manager adds in Modeler with its form is thereby enforced
 * with no code change.
 *
 * <p>Callable inside an engine command (listeners, command interceptors, parse-time code: it uses
 * the current command) or outside (it runs its own command). The lookups bypass authorization:
 * the caller's right to the step is checked by the engine's own command, not here.
 * Parsed forms are cached per deployed form id: a deployed form never changes.
 */
@Component
public class FormContracts {

  private final ProcessEngine processEngine;
  private final Map<String, FormContract> byFormDefinitionId = new ConcurrentHashMap<>();

  public FormContracts(@Lazy ProcessEngine processEngine) {
    this.processEngine = processEngine;
  }

  /** The contract of an open task, empty when the task has no Camunda Form (or does not exist). */
  public Optional<FormContract> ofTask(String taskId) {
    return inCommand(commandContext -> {
      TaskEntity task = commandContext.getTaskManager().findTaskById(taskId);
      return task == null ? Optional.<FormContract>empty() : ofTask(task);
    });
  }

  /**
   * The contract of an open task's step, {@link FormContract#NONE} when it has no Camunda Form (it
   * writes nothing); empty when there is no such task.
   */
  public Optional<Step> stepOfTask(String taskId) {
    // a task the caller does not see is not described to them: the engine answers for it
    if (taskId == null || processEngine.getTaskService().createTaskQuery().taskId(taskId).count() == 0) {
      return Optional.empty();
    }
    return inCommand(commandContext -> {
      TaskEntity task = taskId == null ? null : commandContext.getTaskManager().findTaskById(taskId);
      return task == null ? Optional.<Step>empty()
          : Optional.of(new Step(task.getName() != null ? task.getName() : task.getTaskDefinitionKey(),
              ofTask(task).orElse(FormContract.NONE)));
    });
  }

  /** A step as people name it, and its contract. */
  public record Step(String name, FormContract form) {}

  /**
   * The contract of the start of a process definition, given by id or by key (its latest version, in
   * the tenant when one is given); {@link FormContract#NONE} when its start has no Camunda Form,
   * empty when there is no such definition.
   */
  public Optional<Step> stepOfStart(String processDefinitionId, String key, String tenantId) {
    return inCommand(commandContext -> {
      DeploymentCache cache = commandContext.getProcessEngineConfiguration().getDeploymentCache();
      ProcessDefinitionEntity definition;
      try {
        definition = processDefinitionId != null ? cache.findDeployedProcessDefinitionById(processDefinitionId)
            : tenantId != null ? cache.findDeployedLatestProcessDefinitionByKeyAndTenantId(key, tenantId)
            : cache.findDeployedLatestProcessDefinitionByKey(key);
      } catch (ProcessEngineException none) {
        return Optional.<Step>empty();
      }
      return definition == null ? Optional.<Step>empty()
          : Optional.of(new Step(definition.getName() != null ? definition.getName() : definition.getKey(),
              ofStart(definition).orElse(FormContract.NONE)));
    });
  }

  /** The contract of a task (inside an engine command), empty when it has no Camunda Form. */
  public Optional<FormContract> ofTask(TaskEntity task) {
    if (task.getTaskDefinition() == null || task.getTaskDefinition().getTaskFormHandler() == null) {
      return Optional.empty();
    }
    CommandContext commandContext = Context.getCommandContext();
    FormData form = commandContext.runWithoutAuthorization(
        () -> task.getTaskDefinition().getTaskFormHandler().createTaskForm(task));
    return resolve(form);
  }

  /** The contract of a process definition's start event, empty when it has no Camunda Form. */
  public Optional<FormContract> ofStart(String processDefinitionId) {
    return inCommand(commandContext -> ofStart(commandContext.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(processDefinitionId)));
  }

  /** The contract of a start event (inside an engine command), empty when it has no Camunda Form. */
  public Optional<FormContract> ofStart(ProcessDefinitionEntity definition) {
    if (definition == null || definition.getStartFormHandler() == null) {
      return Optional.empty();
    }
    FormData form = Context.getCommandContext().runWithoutAuthorization(
        () -> definition.getStartFormHandler().createStartFormData(definition));
    return resolve(form);
  }

  private Optional<FormContract> resolve(FormData form) {
    CamundaFormRef ref = form == null ? null : form.getCamundaFormRef();
    if (ref == null || ref.getKey() == null) {
      return Optional.empty();
    }
    CommandContext commandContext = Context.getCommandContext();
    CamundaFormDefinition definition = commandContext.runWithoutAuthorization(
        new GetCamundaFormDefinitionCmd(ref, form.getDeploymentId()));
    if (definition == null) {
      return Optional.empty();
    }
    return Optional.of(byFormDefinitionId.computeIfAbsent(definition.getId(), id -> read(commandContext, definition)));
  }

  private static FormContract read(CommandContext commandContext, CamundaFormDefinition definition) {
    ResourceEntity resource = commandContext.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
    if (resource == null) {
      throw new IllegalStateException("Form resource " + definition.getResourceName() + " missing from deployment "
          + definition.getDeploymentId());
    }
    try {
      return FormContract.parse(new ByteArrayInputStream(resource.getBytes()));
    } catch (IOException malformed) {
      throw new IllegalStateException("Form " + definition.getResourceName() + " of deployment "
          + definition.getDeploymentId() + " is not valid JSON", malformed);
    }
  }

  private <T> T inCommand(Command<T> command) {
    CommandContext current = Context.getCommandContext();
    if (current != null) {
      return command.execute(current);
    }
    return ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired().execute(command);
  }
}
