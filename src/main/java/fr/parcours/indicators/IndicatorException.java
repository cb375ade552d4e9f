package fr.parcours.indicators;

/** A request for indicators that is refused: 400 (bad parameters), 401 or 403, with a French message. */
public class IndicatorException extends RuntimeException {

  private final int status;

  public IndicatorException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static IndicatorException badRequest(String message) {
    return new IndicatorException(400, message);
  }

  static IndicatorException unauthorized() {
    return new IndicatorException(401, "Authentification requise.");
  }

  static IndicatorException forbidden(String message) {
    return new IndicatorException(403, message);
  }
}
