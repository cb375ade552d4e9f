package fr.parcours.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code parcours.notifications}: the sender address of the e-mails and the address of Tasklist
 * the e-mails link to. The SMTP server itself is {@code spring.mail.*}.
 */
@ConfigurationProperties("parcours.notifications")
public record NotificationProperties(String from, String tasklistUrl) {

  public NotificationProperties {
    from = from == null || from.isBlank() ? "parcours@localhost" : from.trim();
    tasklistUrl = tasklistUrl == null || tasklistUrl.isBlank()
        ? "http://localhost:8080/camunda/app/tasklist/default/" : tasklistUrl.trim();
  }

  /** The Tasklist page of one task. */
  public String taskLink(String taskId) {
    return tasklistUrl + (tasklistUrl.endsWith("/") ? "" : "/") + "#/?task=" + taskId;
  }
}
