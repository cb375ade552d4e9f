package fr.parcours.pathway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Without a mail server (the embedded default), reminders are written to the log: ids only. */
@Component
public class ReminderLog {

  private static final Logger LOG = LoggerFactory.getLogger(ReminderLog.class);

  @EventListener
  public void on(ReminderDue reminder) {
    LOG.info("Relance : tâche {} ({}) du dossier {} pour {}", reminder.taskKey(), reminder.taskId(),
        reminder.caseReference(), reminder.assignee() != null ? reminder.assignee() : reminder.candidateGroups());
  }
}
