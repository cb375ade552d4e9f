package fr.parcours.pathway;

import java.time.Period;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Due dates and reminder cycles of the tasks, configured per task definition key in
 * {@code parcours.deadlines} (ISO-8601), with a {@code default} entry. Used in the models as
 * {@code ${deadlines.dueDate('recordConsent')}} and {@code ${deadlines.reminderCycle('recordConsent')}}.
 */
@Component("deadlines")
@ConfigurationProperties("parcours.deadlines")
public class Deadlines {

  private Map<String, String> due = new HashMap<>(Map.of("default", "P14D"));
  private Map<String, String> reminder = new HashMap<>(Map.of("default", "R/P7D"));

  /** Due date of a task created now. */
  public Date dueDate(String taskKey) {
    Period period = Period.parse(due.getOrDefault(taskKey, due.get("default")));
    return Date.from(ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of("Europe/Paris")).plus(period).toInstant());
  }

  /** Reminder timer cycle of a task, e.g. {@code R/P7D}. */
  public String reminderCycle(String taskKey) {
    return reminder.getOrDefault(taskKey, reminder.get("default"));
  }

  public Map<String, String> getDue() {
    return due;
  }

  public Map<String, String> getReminder() {
    return reminder;
  }
}
