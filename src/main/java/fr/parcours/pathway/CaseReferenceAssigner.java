package fr.parcours.pathway;

import java.time.ZoneId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Gives each case its readable reference {@code RP-<year>-<number>}, used as business key and
 * shown in Tasklist. The yearly counter is a row of the engine's property table, updated in the
 * starting transaction with the engine's optimistic locking: two concurrent starts never get the
 * same number (one of them is retried by the caller).
 */
@Component("caseReferenceAssigner")
public class CaseReferenceAssigner implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    int year = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of("Europe/Paris")).getYear();
    String reference = String.format("RP-%d-%06d", year, next("parcours.case-sequence." + year));
    execution.setProcessBusinessKey(reference);
    execution.setVariable("caseReference", reference);
  }

  private static long next(String counter) {
    CommandContext commandContext = Context.getCommandContext();
    PropertyEntity property = commandContext.getPropertyManager().findPropertyById(counter);
    if (property == null) {
      commandContext.getDbEntityManager().insert(new PropertyEntity(counter, "1"));
      return 1;
    }
    long next = Long.parseLong(property.getValue()) + 1;
    property.setValue(Long.toString(next));
    return next;
  }
}
