package fr.parcours.notifications;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fr.parcours.engine.EngineCalls;
import fr.parcours.pathway.ReminderDue;

/**
 * Tells the people concerned by a {@link ReminderDue} that a task is still open: its assignee, or
 * else the members of its candidate groups. The reminder is announced inside the engine's
 * transaction (a timer job); the e-mails go once it is committed. Content: the case reference, the
 * task's name, its due date and a link to it in Tasklist — nothing about the person (the e-mails
 * leave the system).
 */
@Component
public class ReminderMail {

  private static final Logger LOG = LoggerFactory.getLogger(ReminderMail.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRANCE);
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final EngineCalls engineCalls;
  private final Recipients recipients;
  private final NotificationDispatcher dispatcher;
  private final NotificationProperties properties;

  public ReminderMail(EngineCalls engineCalls, Recipients recipients, NotificationDispatcher dispatcher,
      NotificationProperties properties) {
    this.engineCalls = engineCalls;
    this.recipients = recipients;
    this.dispatcher = dispatcher;
    this.properties = properties;
  }

  @EventListener
  public void on(ReminderDue reminder) {
    Task task = engineCalls.withoutChecks(
        () -> engineCalls.engine().getTaskService().createTaskQuery().taskId(reminder.taskId()).singleResult());
    boolean assigned = reminder.assignee() != null;
    List<Recipients.Recipient> to = assigned
        ? recipients.of(List.of(reminder.assignee()), List.of())
        : recipients.of(List.of(), reminder.candidateGroups());
    LOG.info("Relance : tâche {} ({}) du dossier {} pour {} : {} destinataire(s)", reminder.taskKey(), reminder.taskId(),
        reminder.caseReference(), assigned ? reminder.assignee() : reminder.candidateGroups(), to.size());
    String taskName = task != null && task.getName() != null ? task.getName() : reminder.taskKey();
    String subject = "[Parcours] Relance : « " + taskName + " » — dossier " + reminder.caseReference();
    String text = text(reminder, taskName, task == null ? null : task.getDueDate(), assigned);
    dispatcher.sendAfterCommit(to.stream()
        .map(recipient -> new Notification(reminder.caseReference(), recipient.userId(), recipient.address(), subject, text))
        .toList());
  }

  private String text(ReminderDue reminder, String taskName, Date dueDate, boolean assigned) {
    StringBuilder text = new StringBuilder("Bonjour,\n\n");
    text.append("La tâche « ").append(taskName).append(" » du dossier ").append(reminder.caseReference())
        .append(" est toujours ouverte.\n");
    if (dueDate != null) {
      text.append("Échéance : ").append(DAY.format(dueDate.toInstant().atZone(PARIS)))
          .append(dueDate.before(ClockUtil.getCurrentTime()) ? " (dépassée)" : "").append(".\n");
    }
    text.append(assigned ? "Elle vous est attribuée.\n" : "Elle est proposée à votre équipe.\n");
    text.append("\nPour la traiter : ").append(properties.taskLink(reminder.taskId())).append("\n\n");
    text.append(Footer.TEXT);
    return text.toString();
  }
}
