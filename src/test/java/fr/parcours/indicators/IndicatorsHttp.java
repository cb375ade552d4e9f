package fr.parcours.indicators;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** GET on the application as a demo user (password "demo") or anonymously, with the response headers. */
final class IndicatorsHttp {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final String authorization;

  private IndicatorsHttp(int port, String authorization) {
    this.port = port;
    this.authorization = authorization;
  }

  static IndicatorsHttp as(int port, String user) {
    return new IndicatorsHttp(port,
        "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
  }

  static IndicatorsHttp anonymous(int port) {
    return new IndicatorsHttp(port, null);
  }

  Response get(String path) {
    return get(path, "*/*");
  }

  Response get(String path, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", accept).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Response(int status, byte[] bytes, java.net.http.HttpHeaders headers) {

    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    JsonNode json() {
      try {
        return JSON.readTree(bytes);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("Not JSON: " + body(), e);
      }
    }

    @Override
    public String toString() {
      return status + " " + body();
    }
  }
}
