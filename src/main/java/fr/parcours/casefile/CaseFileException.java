package fr.parcours.casefile;

/** A refused request about a case file: its HTTP status and a French message for the person. */
public class CaseFileException extends RuntimeException {

  private final int status;

  public CaseFileException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** 404, whether the case does not exist or the caller may not see it: the answer tells nothing apart. */
  static CaseFileException notFound() {
    return new CaseFileException(404, "Dossier inconnu ou non accessible.");
  }

  static CaseFileException unauthorized() {
    return new CaseFileException(401, "Connectez-vous pour consulter ce dossier.");
  }

  static CaseFileException badRequest(String message) {
    return new CaseFileException(400, message);
  }
}
