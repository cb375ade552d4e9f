package fr.parcours.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A client of the application's HTTP API, as a given user (or anonymous), for tests over HTTP. */
public final class EngineRest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String baseUrl;
  private final String authorization;
  private final String user;

  private EngineRest(String baseUrl, String authorization, String user) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
    this.user = user;
  }

  public static EngineRest anonymous(int port) {
    return new EngineRest("http://localhost:" + port, null, null);
  }

  public static EngineRest as(int port, String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new EngineRest("http://localhost:" + port, "Basic " + token, user);
  }

  /** A demo user (password "demo"). */
  public static EngineRest as(int port, String user) {
    return as(port, user, "demo");
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, Object body) {
    try {
      String json = body instanceof String s ? s : JSON.writeValueAsString(body);
      return send(request(path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public Response put(String path, Object body) {
    try {
      String json = body instanceof String s ? s : JSON.writeValueAsString(body);
      return send(request(path).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(json)));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The response's headers too (for the headers a refusal or an answer must carry). */
  public HttpResponse<String> exchange(String method, String path, String json) {
    HttpRequest.Builder builder = request(path).method(method,
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    try {
      return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A multipart/form-data POST of text fields (attachments, as the REST API takes them). */
  public Response multipart(String path, Map<String, String> fields) {
    String boundary = "parcours-" + java.util.UUID.randomUUID();
    StringBuilder body = new StringBuilder();
    fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
        .append(value).append("\r\n"));
    body.append("--").append(boundary).append("--\r\n");
    return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "*/*");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public record Response(int status, String body) {
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

  // --- the pathway's engine REST calls (added for the follow-up tests)

  /**
   * POST /engine-rest/message: a message for the case with that business key, its payload as process
   * variables. Only operators may correlate directly; workers make {@link #caseRequest}s.
   */
  public Response correlate(String messageName, String businessKey, Map<String, Object> processVariables) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messageName", messageName);
    body.put("businessKey", businessKey);
    body.put("processVariables", variables(processVariables));
    return post("/engine-rest/message", body);
  }

  /**
   * POST /api/cases/{businessKey}/requests: a follow-up request of the case, {@code type} one of
   * synthesis, dispute, coordinatorChange, withdrawal, with its fields ({@code reason},
   * {@code requestedBy}, {@code exitReason}: e.g. {@code Cases.synthesisRequest(…)}).
   */
  public Response caseRequest(String businessKey, String type, Map<String, Object> fields) {
    Map<String, Object> body = new LinkedHashMap<>(fields);
    body.put("type", type);
    return post("/api/cases/" + URLEncoder.encode(businessKey, StandardCharsets.UTF_8) + "/requests", body);
  }

  /** Starts a pathway, as the referral form does. */
  public Response startPathway(Map<String, Object> variables) {
    return post("/engine-rest/process-definition/key/pathway/start", Map.of("variables", variables(variables)));
  }

  /** The open tasks with that key of the case (and of the committees it called) that this user sees. */
  public List<JsonNode> tasks(String businessKey, String taskKey) {
    Response response = get("/engine-rest/task?processInstanceBusinessKey=" + URLEncoder.encode(businessKey, StandardCharsets.UTF_8)
        + "&taskDefinitionKey=" + URLEncoder.encode(taskKey, StandardCharsets.UTF_8));
    if (response.status() != 200) {
      throw new IllegalStateException("GET /task " + taskKey + " of " + businessKey + ": " + response);
    }
    List<JsonNode> tasks = new ArrayList<>();
    response.json().forEach(tasks::add);
    return tasks;
  }

  /**
   * The id of the single open task with that key of the case that this user sees; when they see
   * several (an intervener sees every intervener's contribution task), the one assigned to them.
   */
  public String taskId(String businessKey, String taskKey) {
    List<JsonNode> tasks = tasks(businessKey, taskKey);
    if (tasks.size() > 1 && user != null) {
      List<JsonNode> own = tasks.stream().filter(task -> user.equals(task.path("assignee").asText(null))).toList();
      if (own.size() == 1) {
        tasks = own;
      }
    }
    if (tasks.size() != 1) {
      throw new IllegalStateException("Expected one task " + taskKey + " of " + businessKey + ", found " + tasks);
    }
    return tasks.get(0).path("id").asText();
  }

  /** POST /engine-rest/task/{id}/complete with the variables a form would submit. */
  public Response complete(String taskId, Map<String, Object> variables) {
    return post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables(variables)));
  }

  /**
   * Values in the engine REST format {@code {"name": {"value": ..., "type": ...}}}. JSON lists
   * (Spin JSON nodes, Java lists and maps) are sent with type Json, as JSON text.
   */
  public static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      Map<String, Object> variable = new LinkedHashMap<>();
      try {
        if (value instanceof org.camunda.spin.json.SpinJsonNode node) {
          variable.put("value", node.toString());
          variable.put("type", "Json");
        } else if (value instanceof java.util.Collection<?> || value instanceof Map<?, ?>) {
          variable.put("value", JSON.writeValueAsString(value));
          variable.put("type", "Json");
        } else if (value instanceof Boolean) {
          variable.put("value", value);
          variable.put("type", "Boolean");
        } else if (value instanceof Integer) {
          variable.put("value", value);
          variable.put("type", "Integer");
        } else if (value == null) {
          variable.put("value", null);
          variable.put("type", "Null");
        } else {
          variable.put("value", value.toString());
          variable.put("type", "String");
        }
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(e);
      }
      variables.put(name, variable);
    });
    return variables;
  }
}
