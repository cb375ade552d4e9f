package fr.parcours.validation;

import java.util.Set;
import java.util.function.Consumer;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Checks what a step leaves in the case and refuses the whole request on any problem: the rules of
 * the form the step resolves ({@link FormChecks}) for the start and every user task with a form,
 * whichever model or manager added it, then the rules in code on its fields ({@link StepRules});
 * for a message, what it must carry.
 */
@Component
public class StepValidator {

  private final StepRules rules;
  private final IdentityService identityService;

  public StepValidator(StepRules rules, @Lazy IdentityService identityService) {
    this.rules = rules;
    this.identityService = identityService;
  }

  /** A step with a form (the start, a user task): its form is the contract. */
  public void validateForm(FormContract form, String stepName, VariableScope scope) {
    validateForm(form, stepName, scope, StepWriteGuard.Pending.NONE);
  }

  /**
   * {@link #validateForm(FormContract, String, VariableScope)} for a request whose variables the
   * {@link StepWriteGuard} saw: those the form does not have are refused with the rest, and so is a
   * value sent for a field the form hides.
   */
  void validateForm(FormContract form, String stepName, VariableScope scope, StepWriteGuard.Pending request) {
    Inputs inputs = new Inputs(scope, this::userExists, form);
    request.problems().forEach(inputs::problem);
    if (request.problems().isEmpty()) {
      // what the request should not have written is not looked at
      Set<String> passed = FormChecks.check(inputs, form, request.submitted());
      rules.checkFields(passed, inputs);
    }
    refuseOnProblems(stepName, inputs);
  }

  /** A message received by a case: what it must carry. */
  public void validateMessage(String messageName, String stepName, VariableScope scope) {
    Consumer<Inputs> rule = rules.ofMessage(messageName);
    if (rule == null) {
      return;
    }
    Inputs inputs = new Inputs(scope, this::userExists, null);
    rule.accept(inputs);
    refuseOnProblems(stepName, inputs);
  }

  private static void refuseOnProblems(String stepName, Inputs inputs) {
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
