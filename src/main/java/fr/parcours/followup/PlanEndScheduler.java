package fr.parcours.followup;

import java.time.Period;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * On entering the follow-up (after the agreement, or after an extension): the plan ends after the
 * planned duration decided by the committee, counted from today.
 */
@Component("planEndScheduler")
public class PlanEndScheduler implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Period duration = Period.parse((String) execution.getVariable("plannedDuration"));
    Date end = Date.from(ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of("Europe/Paris")).plus(duration)
        .toInstant());
    execution.getProcessInstance().setVariable("planEndDate", end);
  }
}
