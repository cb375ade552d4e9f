package fr.parcours.notifications;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** The e-mails the test SMTP server received about one case (the suite shares the server). */
record Mailbox(GreenMail server) {

  record Mail(String to, String from, String subject, String body) {}

  List<Mail> about(String caseReference) {
    return Arrays.stream(server.getReceivedMessages())
        .map(Mailbox::read)
        .filter(mail -> mail.subject().contains(caseReference))
        .toList();
  }

  private static Mail read(MimeMessage message) {
    try {
      return new Mail(message.getRecipients(Message.RecipientType.TO)[0].toString(), message.getFrom()[0].toString(),
          message.getSubject(), message.getContent() instanceof String text ? text : GreenMailUtil.getBody(message));
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
