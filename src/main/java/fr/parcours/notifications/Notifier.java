package fr.parcours.notifications;

/** Delivers notifications to people: by e-mail, or to the log when no mail server is configured. */
public interface Notifier {

  void send(Notification notification);
}
