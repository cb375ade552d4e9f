package fr.parcours.notifications;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends each notification as a plain-text e-mail of its own (recipients never see each other's
 * addresses). E-mails leave the system: they carry the case reference, the step, dates and a link
 * to Tasklist, never the person's label, pseudonymous reference or anything of the case's content;
 * whoever follows the link logs in and sees what they are entitled to.
 */
public class MailNotifier implements Notifier {

  private final JavaMailSender sender;
  private final String from;

  public MailNotifier(JavaMailSender sender, String from) {
    this.sender = sender;
    this.from = from;
  }

  @Override
  public void send(Notification notification) {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(notification.address());
    message.setSubject(notification.subject());
    message.setText(notification.text());
    sender.send(message);
  }
}
