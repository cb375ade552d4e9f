package fr.parcours.support;

import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * A real SMTP server (GreenMail) inside the one test context, on a port the system chooses: the
 * H2 and PostgreSQL runs, and builds running side by side, never collide. The application's
 * {@link JavaMailSender} points at it, so the notifications go out as e-mails in every test
 * (Spring Boot's own sender backs off when one is defined). Tests read what arrived from the
 * {@link GreenMail} bean; it keeps every e-mail of the run, so tests pick theirs by case reference.
 * Imported by {@link ParcoursTest} only: not a {@code @Configuration}, so that the application's
 * component scan (in {@code ProductionStartupTest}, say) never picks it up.
 */
public class TestMailServer {

  @Bean(destroyMethod = "stop")
  public GreenMail greenMail() {
    GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.start();
    return greenMail;
  }

  @Bean
  public JavaMailSender mailSender(GreenMail greenMail) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(greenMail.getSmtp().getBindTo());
    sender.setPort(greenMail.getSmtp().getPort());
    return sender;
  }
}
