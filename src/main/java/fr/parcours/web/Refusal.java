package fr.parcours.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refused request, whatever door it came through ({@code /api}, the webapps' plugins): its HTTP
 * status and a French message for the person, with every problem when there are several. Answered
 * as JSON {@code {"status": …, "message": "…", "problems": […]}} ({@link RefusalAdvice} for
 * {@code /api}, {@link #body()} for the plugins' resources).
 */
public class Refusal extends RuntimeException {

  /** Whether the case does not exist or the caller may not read it: the answer tells nothing apart. */
  public static final String CASE_NOT_FOUND = "Dossier inconnu ou non accessible.";

  private final int status;
  private final List<String> problems;

  public Refusal(int status, String message) {
    this(status, message, List.of());
  }

  public Refusal(int status, String message, List<String> problems) {
    super(message);
    this.status = status;
    this.problems = problems == null ? List.of() : List.copyOf(problems);
  }

  public static Refusal badRequest(String message) {
    return new Refusal(400, message);
  }

  public static Refusal badRequest(String message, List<String> problems) {
    return new Refusal(400, message, problems);
  }

  public static Refusal unauthorized() {
    return new Refusal(401, "Authentification requise : connectez-vous.");
  }

  public static Refusal forbidden(String message) {
    return new Refusal(403, message);
  }

  public static Refusal notFound(String message) {
    return new Refusal(404, message);
  }

  /** 404 for a case that does not exist or that the caller may not read. */
  public static Refusal caseNotFound() {
    return notFound(CASE_NOT_FOUND);
  }

  public static Refusal conflict(String message) {
    return new Refusal(409, message);
  }

  public int status() {
    return status;
  }

  public List<String> problems() {
    return problems;
  }

  /** The JSON answer: {@code status}, {@code message} and, when there are any, {@code problems}. */
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("message", getMessage());
    if (!problems.isEmpty()) {
      body.put("problems", problems);
    }
    return body;
  }
}
