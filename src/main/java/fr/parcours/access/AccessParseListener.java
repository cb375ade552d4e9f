package fr.parcours.access;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Attaches need-to-know access and the audit trail to every deployed model, as the validation is
 * attached: nothing in the BPMN refers to it, and no step can be added without it. The case's
 * grants follow its life (process start and end, each task's creation and completion), and every
 * message a case receives is written to the user operation log (the engine logs the start of a
 * case, task completions and variable updates by itself).
 */
public class AccessParseListener extends AbstractBpmnParseListener {

  private final CaseAccess caseAccess;

  public AccessParseListener(CaseAccess caseAccess) {
    this.caseAccess = caseAccess;
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    processDefinition.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) caseAccess::processStarted);
    processDefinition.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) caseAccess::processEnded);
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    definition.addTaskListener(TaskListener.EVENTNAME_CREATE, (TaskListener) caseAccess::taskCreated);
    definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, (TaskListener) caseAccess::taskCompleted);
  }

  @Override
  public void parseBoundaryMessageEventDefinition(Element messageEventDefinition, boolean interrupting,
      ActivityImpl messageActivity) {
    audit(messageEventDefinition, messageActivity);
  }

  @Override
  public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl startEventActivity) {
    Element message = startEventElement.element("messageEventDefinition");
    if (message != null) {
      audit(message, startEventActivity);
    }
  }

  @Override
  public void parseIntermediateMessageCatchEventDefinition(Element messageEventDefinition, ActivityImpl nestedActivity) {
    audit(messageEventDefinition, nestedActivity);
  }

  private static void audit(Element messageEventDefinition, ActivityImpl activity) {
    String messageName = messageEventDefinition.attribute("messageRef");
    activity.addListener(ExecutionListener.EVENTNAME_START,
        (ExecutionListener) execution -> AuditTrail.messageReceived(execution, messageName));
  }
}
