package fr.parcours.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The benchmark harness ({@code ./mvnw -Pbench verify}): footprint of the H2 default, then every
 * database's measurements ({@link EngineBench}, one JVM each, with a flight recording), PostgreSQL's
 * own pgbench in the same run, and the report {@code docs/benchmarks.md} with its charts.
 */
public final class BenchMain {

  public static void main(String[] args) throws Exception {
    Path work = BenchConfig.work();
    if (Boolean.getBoolean("bench.reportOnly")) {
      writeReport(work);
      return;
    }
    Files.createDirectories(work);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("startedAt", Instant.now().toString());
    run.put("command", command());
    run.put("quick", BenchConfig.quick());
    run.put("loadBefore", uptime());

    if (!Boolean.getBoolean("bench.skipFootprint")) {
      run.put("footprint", footprint(work));
    }
    Map<String, JsonNode> engines = new LinkedHashMap<>();
    Map<String, Object> profiles = new LinkedHashMap<>();
    for (String db : BenchConfig.databases()) {
      if ("postgres".equals(db)) {
        preparePostgres();
      }
      Path jfr = work.resolve("engine-" + db + ".jfr");
      List<String> command = javaCommand(BenchConfig.childHeap());
      if (BenchConfig.jfr()) {
        command.add("-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath() + ",settings=profile,dumponexit=true");
      }
      command.add(EngineBench.class.getName());
      command.add(db);
      System.out.println("== " + db + ": " + String.join(" ", command.subList(command.size() - 3, command.size())));
      int exit = runLogged(command, work.resolve("engine-" + db + ".log"), 4 * 3600);
      System.out.println("== " + db + " finished with " + exit);
      Path result = work.resolve("engine-" + db + ".json");
      if (Files.exists(result)) {
        engines.put(db, EngineBench.JSON.readTree(result.toFile()));
        if (BenchConfig.jfr() && Files.exists(jfr)) {
          profiles.put(db, Profile.summarise(jfr, engines.get(db).path("phases")));
        }
      }
      if ("postgres".equals(db) && !BenchConfig.keepDatabases()) {
        dropPostgres();
      }
    }
    run.put("loadAfter", uptime());
    run.put("finishedAt", Instant.now().toString());
    EngineBench.JSON.writeValue(work.resolve("run.json").toFile(), run);
    EngineBench.JSON.writeValue(work.resolve("profiles.json").toFile(), profiles);
    writeReport(work);
  }

  /**
   * The report, from the results in the work directory: at the end of a run, or again from a
   * finished run's results ({@code -Dbench.reportOnly=true}, with the run's own settings) after a
   * change of the report's wording, without measuring again.
   */
  @SuppressWarnings("unchecked")
  private static void writeReport(Path work) throws IOException {
    Map<String, Object> run = EngineBench.JSON.readValue(work.resolve("run.json").toFile(), Map.class);
    Map<String, Object> profiles = EngineBench.JSON.readValue(work.resolve("profiles.json").toFile(), Map.class);
    Map<String, JsonNode> engines = new LinkedHashMap<>();
    for (String db : BenchConfig.databases()) {
      Path result = work.resolve("engine-" + db + ".json");
      if (Files.exists(result)) {
        engines.put(db, EngineBench.JSON.readTree(result.toFile()));
      }
    }
    new Report(run, engines, profiles).write(BenchConfig.docs());
    System.out.println("Report: " + BenchConfig.docs().resolve("benchmarks.md"));
  }

  /** The Maven command that gives this run's settings. */
  private static String command() {
    String settings = String.join(" ", System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith("bench.")).sorted().map(name -> "-D" + name + "=" + System.getProperty(name))
        .toList());
    return "./mvnw -Pbench verify" + (settings.isEmpty() ? "" : " -Dbench.args=\"" + settings + "\"");
  }

  private static List<Map<String, Object>> footprint(Path work) throws Exception {
    List<Map<String, Object>> runs = new ArrayList<>();
    for (int i = 1; i <= BenchConfig.footprintRuns(); i++) {
      Path dir = work.resolve("footprint-h2-" + i);
      EngineBench.deleteRecursively(dir);
      for (String start : List.of("first", "restart")) {
        Path out = work.resolve("footprint-" + i + "-" + start + ".json");
        Files.deleteIfExists(out);
        List<String> command = javaCommand(null);
        command.add(Footprint.class.getName());
        command.add(dir.toString());
        command.add(out.toString());
        runLogged(command, work.resolve("footprint-" + i + "-" + start + ".log"), 600);
        if (Files.exists(out)) {
          @SuppressWarnings("unchecked")
          Map<String, Object> result = EngineBench.JSON.readValue(out.toFile(), Map.class);
          result.put("run", i);
          result.put("start", start);
          runs.add(result);
          System.out.println("footprint " + start + " " + i + ": " + result);
        }
      }
    }
    return runs;
  }

  /** A JVM on this class path; {@code heap} its maximum heap, or the JVM's default when null. */
  static List<String> javaCommand(String heap) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (heap != null) {
      command.add("-Xmx" + heap);
    }
    System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench."))
        .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    return command;
  }

  private static void preparePostgres() {
    dropPostgres();
    runCommand(List.of("createdb", "-h", BenchConfig.pgHost(), "-p", BenchConfig.pgPort(), "-U", BenchConfig.pgUser(),
        BenchConfig.pgDatabase()), 60);
    runCommand(List.of("createdb", "-h", BenchConfig.pgHost(), "-p", BenchConfig.pgPort(), "-U", BenchConfig.pgUser(),
        BenchConfig.pgbenchDatabase()), 60);
    runCommand(List.of("pgbench", "-i", "-q", "-s", Integer.toString(BenchConfig.pgbenchScale()), "-h",
        BenchConfig.pgHost(), "-p", BenchConfig.pgPort(), "-U", BenchConfig.pgUser(), BenchConfig.pgbenchDatabase()),
        600);
  }

  private static void dropPostgres() {
    for (String database : List.of(BenchConfig.pgDatabase(), BenchConfig.pgbenchDatabase())) {
      runCommand(List.of("dropdb", "--if-exists", "-h", BenchConfig.pgHost(), "-p", BenchConfig.pgPort(), "-U",
          BenchConfig.pgUser(), database), 120);
    }
  }

  /** Runs a command, returns its output (stdout and stderr); fails on a non-zero exit. */
  static String runCommand(List<String> command, int timeoutSeconds) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " timed out");
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
      }
      return text;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int runLogged(List<String> command, Path log, int timeoutSeconds) throws Exception {
    File file = log.toFile();
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(file)).start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  static String uptime() {
    try {
      return runCommand(List.of("uptime"), 10).trim();
    } catch (RuntimeException e) {
      return "?";
    }
  }
}
