package fr.parcours.notifications;

/**
 * One message to one person with an account: their user id, e-mail address, subject and text.
 * {@code caseReference} is kept for the log (the log never shows subject or text).
 */
public record Notification(String caseReference, String userId, String address, String subject, String text) {}
