package fr.parcours.casefile;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A browser's session of Tasklist, over HTTP: the form login of the webapp
 * ({@code POST /camunda/api/admin/auth/user/default/login/tasklist}), then requests with the session
 * cookie. Camunda's CSRF filter hands its token on every GET of the webapp, as the cookie
 * {@code XSRF-TOKEN} and the response header {@code X-XSRF-TOKEN}; a modifying request must send it
 * back in the header {@code X-XSRF-TOKEN} (a request without it is refused and ends the session).
 */
public final class TasklistSession {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * The session's cookies, by name. Kept here rather than by java.net.CookieManager, which never
   * sends a Secure cookie over plain HTTP: the production profile marks the session and CSRF
   * cookies Secure, and browsers still send them to http://localhost.
   */
  private final Map<String, String> cookies = new LinkedHashMap<>();

  private TasklistSession(int port) {
    this.base = "http://localhost:" + port;
  }

  /** Logs the demo user (password "demo") into Tasklist. */
  public static TasklistSession login(int port, String user) {
    return login(port, user, "tasklist");
  }

  /** Logs the demo user (password "demo") into a webapp ({@code tasklist}, {@code cockpit}). */
  public static TasklistSession login(int port, String user, String app) {
    TasklistSession session = new TasklistSession(port);
    // the login page hands the first CSRF token
    session.get("/camunda/app/tasklist/default/");
    Response login = session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("X-XSRF-TOKEN", session.csrfToken())
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=demo")));
    if (login.status() != 200) {
      throw new IllegalStateException("Tasklist login of " + user + ": " + login);
    }
    // the session changes at login: a GET hands the token of the new session
    session.get("/camunda/api/admin/auth/user/default");
    return session;
  }

  public Response get(String path) {
    return get(path, "application/json");
  }

  Response get(String path, String accept) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
  }

  /** A POST as Tasklist's $http sends it: JSON, with the CSRF token. */
  public Response post(String path, Object body) {
    return post(path, body, true);
  }

  /** A POST with the CSRF token and that Accept header. */
  Response post(String path, Object body, String accept) {
    return post(path, body, true, accept);
  }

  Response post(String path, Object body, boolean withCsrfToken) {
    return post(path, body, withCsrfToken, "application/json");
  }

  private Response post(String path, Object body, boolean withCsrfToken, String accept) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/json")
          .header("Accept", accept)
          .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
      if (withCsrfToken) {
        request.header("X-XSRF-TOKEN", csrfToken());
      }
      return send(request);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  String csrfToken() {
    String token = cookies.get("XSRF-TOKEN");
    if (token == null) {
      throw new IllegalStateException("No XSRF-TOKEN cookie: " + cookies.keySet());
    }
    return token;
  }

  private Response send(HttpRequest.Builder request) {
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
          .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      response.headers().allValues("Set-Cookie").forEach(header -> HttpCookie.parse(header).forEach(cookie -> {
        if (cookie.getMaxAge() == 0) {
          cookies.remove(cookie.getName());
        } else {
          cookies.put(cookie.getName(), cookie.getValue());
        }
      }));
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("Not JSON: " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
