package fr.parcours.validation;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Registers the validation parse listener with the engine. */
@Component
public class ValidationPlugin extends AbstractProcessEnginePlugin {

  private final StepValidator validator;
  private final CaseAdmission caseAdmission;

  public ValidationPlugin(StepValidator validator, CaseAdmission caseAdmission) {
    this.validator = validator;
    this.caseAdmission = caseAdmission;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new ValidationParseListener(validator, caseAdmission));
  }
}
