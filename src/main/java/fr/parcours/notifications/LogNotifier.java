package fr.parcours.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without a mail server (the embedded demo), notifications are written to the log instead: the
 * case reference, the recipient's user id and the subject (which names the step and the date,
 * nothing of the person).
 */
public class LogNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(LogNotifier.class);

  @Override
  public void send(Notification notification) {
    LOG.info("Notification (aucun serveur de messagerie configuré) pour {} : {}", notification.userId(),
        notification.subject());
  }
}
