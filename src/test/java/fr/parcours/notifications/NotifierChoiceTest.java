package fr.parcours.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Without an SMTP server (the demo default, {@code spring.mail.host} empty) notifications go to the
 * log, ids and subject only; with one, by e-mail. An e-mail that cannot be delivered is logged and
 * does not fail the step.
 */
@ExtendWith(OutputCaptureExtension.class)
class NotifierChoiceTest {

  static final NotificationProperties PROPERTIES = new NotificationProperties("parcours@departement.test", null);
  static final Notification REMINDER = new Notification("RP-2026-000042", "ts.artois", "ts.artois@demo.parcours.invalid",
      "[Parcours] Relance : « Recueillir l'adhésion de la personne » — dossier RP-2026-000042", "Texte de l'e-mail");

  @Test
  void withoutAMailServerNotificationsAreLogged(CapturedOutput output) {
    assertThat(NotifierChoice.choose(null, PROPERTIES)).isInstanceOf(LogNotifier.class);
    // Spring Boot creates a sender even for an empty spring.mail.host (the demo default)
    Notifier notifier = NotifierChoice.choose(new JavaMailSenderImpl(), PROPERTIES);
    assertThat(notifier).isInstanceOf(LogNotifier.class);

    notifier.send(REMINDER);
    assertThat(output.getOut()).contains("Notification (aucun serveur de messagerie configuré) pour ts.artois",
        REMINDER.subject()).doesNotContain("Texte de l'e-mail", "@demo.parcours.invalid");
  }

  @Test
  void withAMailServerNotificationsAreMailed() {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("smtp.departement.test");
    assertThat(NotifierChoice.choose(sender, PROPERTIES)).isInstanceOf(MailNotifier.class);
  }

  @Test
  void anUndeliverableMailIsLoggedAndDoesNotFail(CapturedOutput output) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(closedPort);
    NotificationDispatcher dispatcher = new NotificationDispatcher(NotifierChoice.choose(sender, PROPERTIES));

    dispatcher.sendNow(List.of(REMINDER));

    assertThat(output.getOut()).contains("Notification non envoyée : dossier RP-2026-000042, destinataire ts.artois");
  }
}
