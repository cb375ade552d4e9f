package fr.parcours.notifications;

/**
 * One message to one person with an account: their user id, e-mail address, subject and text.
 * {@code caseReference} is kept for the log (the log never shows subject or text). The subject and
 * the reference are one line each: a line break in a value (e.g. a case reference changed by an
 * operator) would otherwise add headers to the e-mail or lines to the log.
 */
public record Notification(String caseReference, String userId, String address, String subject, String text) {

  public Notification {
    caseReference = oneLine(caseReference);
    userId = oneLine(userId);
    subject = oneLine(subject);
  }

  /** The value with its CR, LF and other line separators replaced by spaces. */
  public static String oneLine(String value) {
    return value == null ? null : value.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
  }
}
