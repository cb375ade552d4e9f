package fr.parcours.indicators;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import fr.parcours.models.ModelContract.Events;
import fr.parcours.models.ModelContract.Processes;
import fr.parcours.models.ModelContract.Tasks;

/**
 * Records the figures of {@link IndicatorFigures} on every deployed version of the models, without
 * a technical listener in the BPMN: a {@code start} listener on the process {@code pathway}, a
 * {@code complete} listener (the last one, after the input rules) on every {@code holdCommittee},
 * a {@code create} listener on {@code signAgreement} (reached when the committee admits) and a
 * {@code start} listener on the end event {@code pathwayCompleted}, after the model's own.
 */
@Component
public class IndicatorsPlugin extends AbstractProcessEnginePlugin {


  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new FiguresParseListener());
  }

  static class FiguresParseListener extends AbstractBpmnParseListener {

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
      if (Processes.PATHWAY.equals(processDefinition.getKey())) {
        processDefinition.addListener(ExecutionListener.EVENTNAME_START,
            (ExecutionListener) IndicatorFigures::recordReferral);
      }
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
      if (Tasks.HOLD_COMMITTEE.equals(definition.getKey())) {
        definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, (TaskListener) IndicatorFigures::recordCommittee);
      } else if (Tasks.SIGN_AGREEMENT.equals(definition.getKey())) {
        definition.addTaskListener(TaskListener.EVENTNAME_CREATE, (TaskListener) IndicatorFigures::recordAdmission);
      }
    }

    @Override
    public void parseEndEvent(Element endEventElement, ScopeImpl scope, ActivityImpl activity) {
      if (Events.PATHWAY_COMPLETED.equals(activity.getId())) {
        // appended: runs after the model's own start listener (positiveEvolutionRecorder)
        activity.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) IndicatorFigures::recordCompletion);
      }
    }
  }
}
