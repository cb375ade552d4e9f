package fr.parcours.validation;

import java.util.List;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Puts the server-side input rules in front of every step of every deployed model, so no step can
 * be added without its guard and the models stay free of technical listeners: the process start and
 * each user task's completion (first of its complete listeners) are checked against the form they
 * resolve, each message catch event against what its message must carry.
 */
public class ValidationParseListener extends AbstractBpmnParseListener {

  private final StepValidator validator;
  private final FormContracts forms;
  private final CaseAdmission caseAdmission;

  public ValidationParseListener(StepValidator validator, FormContracts forms, CaseAdmission caseAdmission) {
    this.validator = validator;
    this.forms = forms;
    this.caseAdmission = caseAdmission;
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    String name = processDefinition.getName() != null ? processDefinition.getName() : processDefinition.getKey();
    processDefinition.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> {
      ExecutionEntity instance = (ExecutionEntity) execution;
      // the start of this process, not of one it calls
      StepWriteGuard.Pending request = instance.getSuperExecution() == null ? StepWriteGuard.pendingAtStart()
          : StepWriteGuard.Pending.NONE;
      FormContract form = forms.ofStart(instance.getProcessDefinition()).orElse(null);
      if (form != null || !request.problems().isEmpty()) {
        validator.validateForm(form != null ? form : FormContract.NONE, name, execution, request);
      }
      caseAdmission.check(execution);
    });
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    String name = userTaskElement.attribute("name", definition.getKey());
    TaskListener guard = task -> {
      StepWriteGuard.Pending request = StepWriteGuard.pendingFor(task.getId());
      FormContract form = forms.ofTask((TaskEntity) task).orElse(null);
      if (form != null || !request.problems().isEmpty()) {
        validator.validateForm(form != null ? form : FormContract.NONE, name, task, request);
      }
    };
    List<TaskListener> completeListeners = definition.getTaskListeners().get(TaskListener.EVENTNAME_COMPLETE);
    if (completeListeners == null) {
      definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, guard);
    } else {
      completeListeners.add(0, guard);
    }
  }

  @Override
  public void parseBoundaryMessageEventDefinition(Element messageEventDefinition, boolean interrupting,
      ActivityImpl messageActivity) {
    guardMessage(messageEventDefinition, messageActivity);
  }

  @Override
  public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl startEventActivity) {
    Element message = startEventElement.element("messageEventDefinition");
    if (message != null) {
      guardMessage(message, startEventActivity);
    }
  }

  private void guardMessage(Element messageEventDefinition, ActivityImpl activity) {
    String messageName = messageEventDefinition.attribute("messageRef");
    String name = activity.getName() != null ? activity.getName() : messageName;
    activity.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> {
      validator.validateMessage(messageName, name, execution);
      MessagePayload.keepWithBranch(messageName, execution);
    });
  }
}
