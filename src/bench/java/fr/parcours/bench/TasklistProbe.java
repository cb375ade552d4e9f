package fr.parcours.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Diagnosis of the tasklist query on a data set kept by a run ({@code -Dbench.keepDatabases=true}):
 * starts the application on that PostgreSQL database, logs the SQL of one « Tâches de mon équipe »
 * request (MyBatis at debug level), times a few requests, and stops. The statements it logs are what
 * {@code EXPLAIN ANALYZE} is run on. Arg: the database name.
 */
public final class TasklistProbe {

  public static void main(String[] args) throws Exception {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(fr.parcours.ParcoursApplication.class)
        .profiles("demo", "postgres", "bench")
        .run("--server.port=0", "--spring.datasource.url=jdbc:postgresql://%s:%s/%s".formatted(BenchConfig.pgHost(),
            BenchConfig.pgPort(), args[0]), "--spring.datasource.username=" + BenchConfig.pgUser(),
            "--spring.datasource.password=", "--spring.session.jdbc.initialize-schema=never");
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    String filterId = context.getBean(ProcessEngine.class).getFilterService().createFilterQuery()
        .filterName("Tâches de mon équipe").singleResult().getId();
    HttpClient http = HttpClient.newHttpClient();
    String user = args.length > 1 ? args[1] : "ts.artois";
    HttpRequest list = HttpRequest.newBuilder(URI.create(
        "http://localhost:%d/engine-rest/filter/%s/list?firstResult=0&maxResults=15".formatted(port, filterId)))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/hal+json").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}")).build();
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> response = http.send(list, HttpResponse.BodyHandlers.ofString());
      System.out.printf("warm-up request: %d in %.0f ms%n", response.statusCode(), (System.nanoTime() - t0) / 1e6);
    }
    LoggingSystem logging = LoggingSystem.get(TasklistProbe.class.getClassLoader());
    logging.setLogLevel("org.camunda.bpm.engine.impl.persistence.entity", LogLevel.DEBUG);
    System.out.println("=== SQL of one request");
    long t0 = System.nanoTime();
    HttpResponse<String> response = http.send(list, HttpResponse.BodyHandlers.ofString());
    System.out.printf("=== %d in %.0f ms%n", response.statusCode(), (System.nanoTime() - t0) / 1e6);
    logging.setLogLevel("org.camunda.bpm.engine.impl.persistence.entity", LogLevel.WARN);
    context.close();
    System.exit(0);
  }
}
