package fr.parcours.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;

/**
 * Chooses once, at start-up, how notifications go out: by e-mail when an SMTP server is configured
 * ({@code spring.mail.host}, e.g. from {@code PARCOURS_SMTP_HOST}), else to the log (the embedded
 * demo needs no mail server).
 */
@Configuration(proxyBeanMethods = false)
public class NotifierChoice {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierChoice.class);

  @Bean
  public Notifier notifier(ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties) {
    Notifier notifier = choose(mailSender.getIfAvailable(), properties);
    LOG.info(notifier instanceof MailNotifier
        ? "Notifications envoyées par e-mail (serveur SMTP configuré)"
        : "Aucun serveur SMTP configuré (spring.mail.host) : les notifications sont écrites dans le journal");
    return notifier;
  }

  /** Mail when there is a sender with a host; Spring Boot creates one even for an empty {@code spring.mail.host}. */
  static Notifier choose(JavaMailSender mailSender, NotificationProperties properties) {
    boolean configured = mailSender != null
        && !(mailSender instanceof JavaMailSenderImpl impl && !StringUtils.hasText(impl.getHost()));
    return configured ? new MailNotifier(mailSender, properties.from()) : new LogNotifier();
  }
}
