package fr.parcours.notifications;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import fr.parcours.models.ModelContract.Processes;
import fr.parcours.models.ModelContract.Timers;

/**
 * Attaches the committee convocations to every deployed version of {@code technical-committee},
 * without a technical listener in the BPMN (like the input rules and the access grants): a
 * {@code start} listener on the timer event {@code committeeDay}, reached when
 * "Planifier l'instance technique" is completed, after its input rules made {@code committeeDate}
 * a date. Reminders need no hook here: {@link ReminderMail} listens to the reminder events.
 */
@Component
public class NotificationsPlugin extends AbstractProcessEnginePlugin {


  /** Looked up when a committee is scheduled: the plugin is built before the engine and its beans. */
  private final ObjectProvider<CommitteeConvocation> convocation;

  public NotificationsPlugin(ObjectProvider<CommitteeConvocation> convocation) {
    this.convocation = convocation;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseIntermediateCatchEvent(Element eventElement, ScopeImpl scope, ActivityImpl activity) {
        if (Timers.COMMITTEE_DAY.equals(activity.getId()) && activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
            && Processes.TECHNICAL_COMMITTEE.equals(definition.getKey())) {
          activity.addListener(ExecutionListener.EVENTNAME_START,
              (ExecutionListener) execution -> convocation.getObject().convene(execution));
        }
      }
    });
  }
}
