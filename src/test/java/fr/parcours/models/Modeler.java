package fr.parcours.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import fr.parcours.support.EngineRest;

/**
 * Deploys as Camunda Modeler does: {@code POST /engine-rest/deployment/create}, multipart, HTTP Basic,
 * with the deployment's name, its source, "deploy changed only", the tenant when one is typed, and
 * the files.
 */
public final class Modeler {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Modeler() {
  }

  /** The files of the application's models, by name, as a manager has them on disk. */
  public static byte[] file(String path) {
    try {
      return Files.readAllBytes(Path.of(path));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String text(String path) {
    return new String(file(path), StandardCharsets.UTF_8);
  }

  public static Map<String, byte[]> files(Object... nameThenContent) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < nameThenContent.length; i += 2) {
      Object content = nameThenContent[i + 1];
      files.put((String) nameThenContent[i],
          content instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) content);
    }
    return files;
  }

  public static EngineRest.Response deploy(int port, String user, String tenantId, Map<String, byte[]> files) {
    String boundary = "----ModelerBoundary" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("deployment-name", "modeler-" + files.keySet().iterator().next());
    fields.put("deployment-source", "Camunda Modeler");
    fields.put("deploy-changed-only", "true");
    if (tenantId != null) {
      fields.put("tenant-id", tenantId);
    }
    fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"\r\n\r\n" + value + "\r\n"));
    files.forEach((name, content) -> {
      write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      body.writeBytes(content);
      write(body, "\r\n");
    });
    write(body, "--" + boundary + "--\r\n");
    String token = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Authorization", "Basic " + token)
        .header("Accept", "application/json")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new EngineRest.Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
