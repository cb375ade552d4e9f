package fr.parcours.validation;

import java.util.function.Consumer;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Applies the rule of a step to the variables in scope and refuses the whole request on any problem. */
@Component
public class StepValidator {

  private final StepRules rules;
  private final IdentityService identityService;

  public StepValidator(StepRules rules, @Lazy IdentityService identityService) {
    this.rules = rules;
    this.identityService = identityService;
  }

  public void validate(String step, String stepName, VariableScope scope) {
    Consumer<Inputs> rule = rules.of(step);
    if (rule == null) {
      return;
    }
    Inputs inputs = new Inputs(scope, this::userExists);
    rule.accept(inputs);
    if (!inputs.problems().isEmpty()) {
      throw new InvalidCaseInputException(stepName, inputs.problems());
    }
  }

  /** Whether a user exists, whatever the caller may see of the identity service. */
  boolean userExists(String userId) {
    return Context.getCommandContext().runWithoutAuthorization(
        () -> identityService.createUserQuery().userId(userId).count() > 0);
  }
}
