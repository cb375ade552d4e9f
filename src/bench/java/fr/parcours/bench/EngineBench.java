package fr.parcours.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import fr.parcours.ParcoursApplication;
import fr.parcours.identity.Departements;
import fr.parcours.identity.Groups;
import fr.parcours.indicators.IndicatorRequest;
import fr.parcours.indicators.IndicatorService;

/**
 * One database's measurements, in a JVM of its own (started by {@link BenchMain}): the application
 * as it runs (demo users, authorization on, every listener), its REST API on a random port, the
 * engine driven in process. Writes {@code engine-<db>.json} in the work directory.
 */
public final class EngineBench {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> CLIENT_TERRITORIES = List.of("artois", "audomarois", "strasbourg", "saverne");

  private final String db;
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final List<Map<String, Object>> phases = new ArrayList<>();
  private ConfigurableApplicationContext context;
  private ProcessEngine engine;
  private HttpClient http;
  private int port;

  private EngineBench(String db) {
    this.db = db;
  }

  public static void main(String[] args) throws Exception {
    EngineBench bench = new EngineBench(args[0]);
    try {
      bench.run();
    } finally {
      bench.write();
      if (bench.context != null) {
        bench.context.close();
      }
    }
    System.exit(0);
  }

  private void run() throws Exception {
    results.put("database", db);
    results.put("startedAt", Instant.now().toString());
    long startup = System.nanoTime();
    context = start();
    results.put("startupSeconds", (System.nanoTime() - startup) / 1e9);
    engine = context.getBean(ProcessEngine.class);
    port = ((WebServerApplicationContext) context).getWebServer().getPort();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    ensureUsers();
    FlatProcess.deploy(engine);
    CaseDriver driver = new CaseDriver(engine);

    // --- 1–3: throughput of full cases, the bare engine, the database's own limit, rounds interleaved
    phase("warm-up", () -> {
      Measured.run(1, BenchConfig.warmupSeconds(), i -> driver.pathway(territory(i)));
      Measured.run(1, BenchConfig.warmupSeconds(), i -> driver.flat(territory(i)));
    });
    List<Map<String, Object>> rounds = new ArrayList<>();
    results.put("throughput", rounds);
    for (int threads : new int[] {1, 2}) {
      for (int round = 1; round <= BenchConfig.rounds(); round++) {
        int r = round;
        phase("pathway-" + threads + "t", () -> rounds.add(round("pathway", r,
            Measured.run(threads, BenchConfig.roundSeconds(), i -> driver.pathway(territory(i))))));
        phase("flat-" + threads + "t", () -> rounds.add(round("flat", r,
            Measured.run(threads, BenchConfig.roundSeconds(), i -> driver.flat(territory(i))))));
        if ("postgres".equals(db)) {
          phase("pgbench-" + threads + "t", () -> rounds.add(pgbench(threads, r)));
        }
        write();
      }
    }

    // --- 4–5: data sets at scale, then the tasklist query and the indicators over them
    DatasetGenerator generator = new DatasetGenerator(engine, context.getBean(PlatformTransactionManager.class),
        BenchConfig.generatorThreads(), BenchConfig.batchSize(), this::maintainDatabase, BenchConfig.maintenanceEvery());
    if ("postgres".equals(db)) {
      results.put("autovacuum", context.getBean(JdbcTemplate.class).queryForObject("SHOW autovacuum", String.class));
    }
    int open = scale(BenchConfig.openCases(), BenchConfig.h2OpenCases());
    int completed = scale(BenchConfig.completedCases(), BenchConfig.h2CompletedCases());
    Map<String, Object> generation = new LinkedHashMap<>();
    results.put("generation", generation);
    phase("generate-open", () -> {
      System.out.printf("%s: generating %d open cases%n", db, open);
      DatasetGenerator.Generated g = generator.openCases("BENCH", open);
      generation.put("openCases", Map.of("cases", g.cases(), "seconds", g.seconds(), "perSecond", g.perSecond()));
    });
    write();
    phase("generate-completed", () -> {
      System.out.printf("%s: generating %d completed cases%n", db, completed);
      DatasetGenerator.Generated g = generator.completedCases("BENCH", completed);
      generation.put("completedCases", Map.of("cases", g.cases(), "seconds", g.seconds(), "perSecond", g.perSecond()));
    });
    results.put("rows", rows());
    write();
    phase("tasklist-latency", () -> results.put("tasklist", tasklistLatency()));
    write();
    phase("indicators", () -> results.put("indicators", indicators()));
    write();
    List<Map<String, Object>> atScale = new ArrayList<>();
    results.put("throughputAtScale", atScale);
    phase("pathway-at-scale", () -> atScale.add(round("pathway", 1,
        Measured.run(1, BenchConfig.roundSeconds(), i -> driver.pathway(territory(i))))));
    phase("flat-at-scale", () -> atScale.add(round("flat", 1,
        Measured.run(1, BenchConfig.roundSeconds(), i -> driver.flat(territory(i))))));
    results.put("finishedAt", Instant.now().toString());
  }

  private int scale(int full, int onH2) {
    return "h2".equals(db) && onH2 >= 0 ? onH2 : full;
  }

  private static String territory(int i) {
    return CLIENT_TERRITORIES.get(i % CLIENT_TERRITORIES.size());
  }

  private ConfigurableApplicationContext start() throws IOException {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    String[] profiles;
    if ("postgres".equals(db)) {
      profiles = new String[] {"demo", "postgres", "bench"};
      properties.put("spring.datasource.url", "jdbc:postgresql://%s:%s/%s".formatted(BenchConfig.pgHost(),
          BenchConfig.pgPort(), BenchConfig.pgDatabase()));
      properties.put("spring.datasource.username", BenchConfig.pgUser());
      properties.put("spring.datasource.password", "");
      properties.put("camunda.bpm.database.schema-update", "true");
      properties.put("spring.session.jdbc.initialize-schema", "always");
    } else {
      profiles = new String[] {"demo", "bench"};
      Path dir = BenchConfig.work().toAbsolutePath().resolve("h2");
      deleteRecursively(dir);
      properties.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("parcours")
          + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000");
    }
    // as command-line arguments: they come before the profiles' own settings (default properties come after)
    String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    return new SpringApplicationBuilder(ParcoursApplication.class).profiles(profiles).run(args);
  }

  /** Every territory of the benchmark gets a social worker, a second one, a CTAS and two partners (demo password). */
  private void ensureUsers() {
    IdentityService identity = engine.getIdentityService();
    for (String territory : DatasetGenerator.TERRITORIES) {
      user(identity, "ts." + territory, Groups.socialWorkers(territory));
      user(identity, "ts2." + territory, Groups.socialWorkers(territory));
      user(identity, "ctas." + territory, Groups.ctas(territory));
      user(identity, "caf." + territory, Groups.partners(territory));
      user(identity, "ft." + territory, Groups.partners(territory));
    }
  }

  private static void user(IdentityService identity, String id, String group) {
    if (identity.createUserQuery().userId(id).count() > 0) {
      return;
    }
    User user = identity.newUser(id);
    user.setFirstName("Utilisateur");
    user.setLastName("Banc d'essai");
    user.setPassword("demo");
    identity.saveUser(user);
    identity.createMembership(id, group);
  }

  private static Map<String, Object> round(String kind, int round, Measured.Round r) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("kind", kind);
    row.put("threads", r.threads());
    row.put("round", round);
    row.put("seconds", r.seconds());
    row.put("cases", r.cases());
    row.put("tasks", r.tasks());
    row.put("casesPerSecond", r.casesPerSecond());
    row.put("tasksPerSecond", r.tasksPerSecond());
    row.put("errors", r.errors());
    if (r.firstError() != null) {
      row.put("firstError", r.firstError());
    }
    System.out.printf("%s %s %dt round %d: %.2f cases/s, %.1f tasks/s, %d errors%n", kind, "", r.threads(), round,
        r.casesPerSecond(), r.tasksPerSecond(), r.errors());
    return row;
  }

  // --- pgbench on the same PostgreSQL

  private static Map<String, Object> pgbench(int clients, int round) {
    List<String> command = List.of("pgbench", "-h", BenchConfig.pgHost(), "-p", BenchConfig.pgPort(), "-U",
        BenchConfig.pgUser(), "-c", Integer.toString(clients), "-j", Integer.toString(clients), "-T",
        Integer.toString(BenchConfig.roundSeconds()), BenchConfig.pgbenchDatabase());
    String output = BenchMain.runCommand(command, BenchConfig.roundSeconds() + 120);
    Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
    if (!tps.find()) {
      throw new IllegalStateException("pgbench: no tps in " + output);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("kind", "pgbench");
    row.put("threads", clients);
    row.put("round", round);
    row.put("tps", Double.parseDouble(tps.group(1)));
    System.out.printf("pgbench %dc round %d: %s tps%n", clients, round, tps.group(1));
    return row;
  }

  // --- 4: the tasklist query at scale

  private Map<String, Object> tasklistLatency() throws Exception {
    String filterId = engine.getFilterService().createFilterQuery().filterName("Tâches de mon équipe").singleResult()
        .getId();
    String user = "ts.artois";
    URI list = URI.create("http://localhost:%d/engine-rest/filter/%s/list?firstResult=0&maxResults=15".formatted(port,
        filterId));
    URI count = URI.create("http://localhost:%d/engine-rest/filter/%s/count".formatted(port, filterId));
    // what Tasklist sends: the filter's own query (sorted by due date), the case columns embedded
    String body = "{\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}";
    int requests = BenchConfig.latencyRequests();
    int warmup = BenchConfig.latencyWarmup();
    List<Double> listMs = new ArrayList<>();
    List<Double> countMs = new ArrayList<>();
    int returned = -1;
    long total = -1;
    for (int i = 0; i < warmup + requests; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> response = http.send(post(list, user, body), HttpResponse.BodyHandlers.ofString());
      double ms = (System.nanoTime() - t0) / 1e6;
      check(response);
      long t1 = System.nanoTime();
      HttpResponse<String> counted = http.send(HttpRequest.newBuilder(count).header("Authorization", basic(user))
          .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
      double countedMs = (System.nanoTime() - t1) / 1e6;
      check(counted);
      if (i >= warmup) {
        listMs.add(ms);
        countMs.add(countedMs);
      } else if (i == 0) {
        JsonNode page = JSON.readTree(response.body());
        returned = page.path("_embedded").path("task").size();
        total = JSON.readTree(counted.body()).path("count").asLong();
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("user", user);
    result.put("filter", "Tâches de mon équipe");
    result.put("request", "POST " + list.getPath() + "?firstResult=0&maxResults=15 (Accept: application/hal+json)");
    result.put("requests", requests);
    result.put("tasksOnFirstPage", returned);
    result.put("tasksVisible", total);
    result.put("listMs", percentiles(listMs));
    result.put("countMs", percentiles(countMs));
    System.out.printf("tasklist: list %s, count %s (first page %d of %d)%n", result.get("listMs"),
        result.get("countMs"), returned, total);
    return result;
  }

  private static Map<String, Object> percentiles(List<Double> ms) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("p50", Measured.percentile(ms, 50));
    p.put("p95", Measured.percentile(ms, 95));
    p.put("p99", Measured.percentile(ms, 99));
    p.put("max", Measured.percentile(ms, 100));
    return p;
  }

  private static HttpRequest post(URI uri, String user, String body) {
    return HttpRequest.newBuilder(uri).header("Authorization", basic(user)).header("Accept", "application/hal+json")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  private static void check(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.uri() + " → " + response.statusCode() + " " + response.body());
    }
  }

  // --- 5: the indicators at scale

  private Map<String, Object> indicators() throws Exception {
    String user = "pilote.pas-de-calais";
    URI uri = URI.create("http://localhost:%d/api/indicators?tenant=pas-de-calais".formatted(port));
    List<Double> httpMs = new ArrayList<>();
    JsonNode report = null;
    for (int i = 0; i < BenchConfig.indicatorRuns(); i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", basic(user))
          .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
      httpMs.add((System.nanoTime() - t0) / 1e6);
      check(response);
      report = JSON.readTree(response.body());
    }
    // the same computation on this thread, to count what it allocates and what stays on the heap
    IndicatorService service = context.getBean(IndicatorService.class);
    IndicatorRequest request = IndicatorRequest.parse("pas-de-calais", null, null, null,
        context.getBean(Departements.class));
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long heapBefore = heapAfterGc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long t0 = System.nanoTime();
    service.compute(request);
    double inProcessMs = (System.nanoTime() - t0) / 1e6;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    long heapAfter = heapAfterGc();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("request", "GET /api/indicators?tenant=pas-de-calais as " + user);
    result.put("httpMs", httpMs);
    result.put("httpMedianMs", Measured.median(httpMs));
    result.put("httpMaxMs", Measured.percentile(httpMs, 100));
    result.put("inProcessMs", inProcessMs);
    result.put("allocatedBytes", allocated);
    result.put("heapPeakBytes", peak);
    result.put("heapAfterGcBeforeBytes", heapBefore);
    result.put("heapAfterGcAfterBytes", heapAfter);
    result.put("report", report);
    System.out.printf("indicators: median %.0f ms, allocated %d MB%n", Measured.median(httpMs), allocated >> 20);
    return result;
  }

  static long heapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * PostgreSQL's housekeeping of growing tables: autovacuum would refresh the planner's statistics
   * and clear dead rows as the tables grow (over months in production); the generator grows them
   * in minutes, and autovacuum may be off on the benchmark's server (it is on by default). Without
   * fresh statistics the planner keeps the plans of near-empty tables (full scans), and every
   * figure measured afterwards would be an artefact of that.
   */
  private void maintainDatabase() {
    if ("postgres".equals(db)) {
      context.getBean(JdbcTemplate.class).execute("VACUUM ANALYZE");
    }
  }

  private Map<String, Object> rows() {
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    Map<String, Object> rows = new LinkedHashMap<>();
    for (String table : List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_RU_AUTHORIZATION",
        "ACT_RU_JOB", "ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_VARINST", "ACT_HI_OP_LOG")) {
      rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
    }
    rows.put("openPathways", engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("pathway")
        .count());
    return rows;
  }

  // --- bookkeeping

  private interface Step {
    void run() throws Exception;
  }

  /** Runs a step and records when it ran, so the profile's samples can be told apart by step. */
  private void phase(String name, Step step) throws Exception {
    long start = System.currentTimeMillis();
    try {
      step.run();
    } finally {
      phases.add(Map.of("name", name, "start", start, "end", System.currentTimeMillis()));
      results.put("phases", phases);
    }
  }

  private void write() {
    try {
      Files.createDirectories(BenchConfig.work());
      JSON.writeValue(BenchConfig.work().resolve("engine-" + db + ".json").toFile(), results);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @SuppressWarnings("unused")
  private static void sleep(long ms) throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep(ms);
  }
}
