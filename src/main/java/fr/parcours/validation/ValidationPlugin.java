package fr.parcours.validation;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Registers the validation parse listener and the guard of what a step writes ({@link StepWriteGuard}) with the engine. */
@Component
public class ValidationPlugin extends AbstractProcessEnginePlugin {

  private final StepValidator validator;
  private final FormContracts forms;
  private final CaseAdmission caseAdmission;

  public ValidationPlugin(StepValidator validator, FormContracts forms, CaseAdmission caseAdmission) {
    this.validator = validator;
    this.forms = forms;
    this.caseAdmission = caseAdmission;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new ValidationParseListener(validator, forms, caseAdmission));
    // what a completion or a start may write, checked before the command runs
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new StepWriteGuard(forms));
    if (configuration.getCustomPreCommandInterceptorsTxRequiresNew() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequiresNew(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequiresNew().add(new StepWriteGuard(forms));
  }
}
