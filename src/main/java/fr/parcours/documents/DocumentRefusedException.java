package fr.parcours.documents;

/**
 * A document that cannot be handed out, with the HTTP status to answer and a French message for
 * the worker: 401 (no caller), 404 (no such case, or a case the caller may not read: the same
 * answer, so that nobody learns that a case exists) or 409 (the document does not exist yet).
 */
public class DocumentRefusedException extends RuntimeException {

  private final int status;

  public DocumentRefusedException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static DocumentRefusedException notYet(String message) {
    return new DocumentRefusedException(409, message);
  }
}
