package fr.parcours.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import com.fasterxml.jackson.databind.JsonNode;

/** Writes docs/benchmarks.md and its charts (docs/benchmarks/*.png) from the run's results. */
final class Report {

  private static final double OVERHEAD_TARGET = 0.7;
  private static final double TASKLIST_P95_TARGET_MS = 100;
  private static final double INDICATORS_TARGET_MS = 2000;

  private final Map<String, Object> run;
  private final Map<String, JsonNode> engines;
  private final Map<String, Object> profiles;
  private final StringBuilder md = new StringBuilder();

  Report(Map<String, Object> run, Map<String, JsonNode> engines, Map<String, Object> profiles) {
    this.run = run;
    this.engines = engines;
    this.profiles = profiles;
  }

  void write(Path docs) throws IOException {
    Path charts = docs.resolve("benchmarks");
    Files.createDirectories(charts);
    header();
    throughput(charts);
    overhead(charts);
    database(charts);
    tasklist(charts);
    indicators();
    footprint();
    generation();
    whereTheTimeGoes();
    Files.writeString(docs.resolve("benchmarks.md"), md.toString());
  }

  // --- sections

  private void header() {
    md.append("# Benchmarks\n\n");
    md.append("Written by the benchmark harness (`src/bench`, Maven profile `bench`): run it again rather than editing "
        + "the figures. A last section, « Reading of this run », is added by hand after a run (what the figures "
        + "mean, statements timed on the kept data set); a new run replaces the whole file.\n\n");
    md.append("| | |\n| --- | --- |\n");
    row("Command", "`" + run.get("command") + "`" + (Boolean.TRUE.equals(run.get("quick")) ? " (quick mode: smoke scale)" : ""));
    row("Date", run.get("startedAt") + " → " + run.get("finishedAt"));
    row("Machine", machine());
    row("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    row("PostgreSQL", postgresVersion());
    row("Load before / after", "`" + run.get("loadBefore") + "` / `" + run.get("loadAfter") + "`");
    md.append("\nThe machine is shared and noisy (other builds ran at the same time): compare figures **inside one "
        + "run**, as ratios; every throughput figure is the median of the rounds, rounds of the different kinds "
        + "interleaved (pathway, flat, pgbench, pathway, …) so that a burst of load hits them alike. "
        + "Engine figures are measured in process (the engine's Java API driven by client threads, as the "
        + "forms and REST calls would), the tasklist and indicators over HTTP on the application's REST API.\n\n");
    md.append("Settings of this run: ").append(settings()).append(".\n\n");
  }

  private String settings() {
    return "rounds %d × %d s (warm-up %d s), open cases %d, completed cases %d (on H2: %s / %s), generator %d threads × batches of %d, %d tasklist requests"
        .formatted(BenchConfig.rounds(), BenchConfig.roundSeconds(), BenchConfig.warmupSeconds(), BenchConfig.openCases(),
            BenchConfig.completedCases(), scaleText(BenchConfig.h2OpenCases()), scaleText(BenchConfig.h2CompletedCases()),
            BenchConfig.generatorThreads(), BenchConfig.batchSize(), BenchConfig.latencyRequests());
  }

  private static String scaleText(int value) {
    return value < 0 ? "same" : Integer.toString(value);
  }

  private void throughput(Path charts) throws IOException {
    md.append("## 1. Case throughput\n\n");
    md.append("Full cases per second: referral → consent → diagnostic → admission committee (scheduled, its timer "
        + "run, admit) → agreement → one synthesis meeting (message, then the référent's task) → end of "
        + "coordination → shared review (two contributions, the référent's review) → review committee (close). "
        + "12 user tasks, 2 timers, 1 message per case; every listener of the application on (validation, "
        + "grants, figures), demo users, authorization enabled (the driver itself calls the engine "
        + "unauthenticated, as the test fixtures do, so the engine's per-call authorization checks are not in "
        + "these figures; they are in the tasklist figures below).\n\n");
    md.append("| database | client threads | cases/s (median) | min – max | user tasks/s | errors |\n| --- | --- | --- | --- | --- | --- |\n");
    CategoryChart chart = chart("Full cases per second (median)", "", "cases/s");
    for (String db : engines.keySet()) {
      List<Double> values = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (int threads : new int[] {1, 2}) {
        List<Double> cases = values(db, "pathway", threads, "casesPerSecond");
        if (cases.isEmpty()) {
          continue;
        }
        md.append("| %s | %d | **%s** | %s – %s | %s | %d |\n".formatted(db, threads, f2(Measured.median(cases)),
            f2(min(cases)), f2(max(cases)), f1(Measured.median(values(db, "pathway", threads, "tasksPerSecond"))),
            errors(db, "pathway", threads)));
        labels.add(threads + " thread" + (threads > 1 ? "s" : ""));
        values.add(Measured.median(cases));
      }
      if (!values.isEmpty()) {
        chart.addSeries(db, labels, values);
      }
    }
    save(chart, charts, "throughput");
    md.append("\n![Case throughput](benchmarks/throughput.png)\n\n");
    atScale();
  }

  private void atScale() {
    boolean any = engines.values().stream().anyMatch(e -> e.path("throughputAtScale").size() > 0);
    if (!any) {
      return;
    }
    md.append("The same, one round with 1 thread **after** the data sets below were generated (the engine's tables "
        + "then hold the open and completed cases):\n\n| database | pathway cases/s | pathway tasks/s | flat tasks/s | ratio |\n| --- | --- | --- | --- | --- |\n");
    for (Map.Entry<String, JsonNode> e : engines.entrySet()) {
      double pathway = Double.NaN;
      double pathwayTasks = Double.NaN;
      double flat = Double.NaN;
      for (JsonNode r : e.getValue().path("throughputAtScale")) {
        if ("pathway".equals(r.path("kind").asText())) {
          pathway = r.path("casesPerSecond").asDouble();
          pathwayTasks = r.path("tasksPerSecond").asDouble();
        } else {
          flat = r.path("tasksPerSecond").asDouble();
        }
      }
      md.append("| %s | %s | %s | %s | %s |\n".formatted(e.getKey(), f2(pathway), f1(pathwayTasks), f1(flat),
          f2(pathwayTasks / flat)));
    }
    md.append('\n');
  }

  private void overhead(Path charts) throws IOException {
    md.append("## 2. Overhead against the bare engine\n\n");
    md.append("User-task completions per second on `pathway` (the full case above, its timers and message "
        + "included in the time) against a flat process of the same 12 user tasks in a row with the same "
        + "variables, no listener, expression, timer or call activity (`src/bench/.../FlatProcess.java`, deployed "
        + "by the harness into the same engine; the application's parse listeners are attached to every model, "
        + "but return at once for a process other than `pathway`). Same engine, same database, same run; the "
        + "ratio is the median of the per-round ratios (each pathway round against the flat round right after "
        + "it). Target: **≥ " + OVERHEAD_TARGET + "**.\n\n");
    md.append("| database | client threads | pathway tasks/s | flat tasks/s | ratio (median) | target met |\n| --- | --- | --- | --- | --- | --- |\n");
    CategoryChart chart = chart("User-task completions per second (median)", "", "tasks/s");
    List<String> labels = new ArrayList<>();
    List<Double> pathways = new ArrayList<>();
    List<Double> flats = new ArrayList<>();
    for (String db : engines.keySet()) {
      for (int threads : new int[] {1, 2}) {
        List<Double> p = values(db, "pathway", threads, "tasksPerSecond");
        List<Double> f = values(db, "flat", threads, "tasksPerSecond");
        if (p.isEmpty() || f.isEmpty()) {
          continue;
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(p.size(), f.size()); i++) {
          ratios.add(p.get(i) / f.get(i));
        }
        double ratio = Measured.median(ratios);
        md.append("| %s | %d | %s | %s | **%s** | %s |\n".formatted(db, threads, f1(Measured.median(p)),
            f1(Measured.median(f)), f2(ratio), ratio >= OVERHEAD_TARGET ? "yes" : "**no**"));
        labels.add(db + ", " + threads + "t");
        pathways.add(Measured.median(p));
        flats.add(Measured.median(f));
      }
    }
    if (!labels.isEmpty()) {
      chart.addSeries("pathway", labels, pathways);
      chart.addSeries("flat (bare engine)", labels, flats);
    }
    save(chart, charts, "overhead");
    md.append("\n![Pathway against the flat process](benchmarks/overhead.png)\n\n");
  }

  private void database(Path charts) throws IOException {
    md.append("## 3. Against the database's limit\n\n");
    if (!engines.containsKey("postgres")) {
      md.append("Not measured in this run (PostgreSQL was not among the databases).\n\n");
      return;
    }
    md.append("pgbench's TPC-B-like transactions (`pgbench -c N -j N -T " + BenchConfig.roundSeconds()
        + "`, scale " + BenchConfig.pgbenchScale() + ", a database of its own on the same PostgreSQL server) "
        + "per second, rounds interleaved with the engine's; ratio = task completions per second / pgbench "
        + "transactions per second, per round, median.\n\n");
    md.append("| clients | pgbench tps | pathway tasks/s | ratio | flat tasks/s | ratio |\n| --- | --- | --- | --- | --- | --- |\n");
    CategoryChart chart = chart("PostgreSQL: engine against pgbench (median)", "", "per second");
    List<String> labels = new ArrayList<>();
    List<Double> tps = new ArrayList<>();
    List<Double> pathway = new ArrayList<>();
    List<Double> flat = new ArrayList<>();
    for (int threads : new int[] {1, 2}) {
      List<Double> t = values("postgres", "pgbench", threads, "tps");
      List<Double> p = values("postgres", "pathway", threads, "tasksPerSecond");
      List<Double> f = values("postgres", "flat", threads, "tasksPerSecond");
      if (t.isEmpty()) {
        continue;
      }
      md.append("| %d | %s | %s | %s | %s | %s |\n".formatted(threads, f1(Measured.median(t)), f1(Measured.median(p)),
          f3(medianRatio(p, t)), f1(Measured.median(f)), f3(medianRatio(f, t))));
      labels.add(threads + " client" + (threads > 1 ? "s" : ""));
      tps.add(Measured.median(t));
      pathway.add(Measured.median(p));
      flat.add(Measured.median(f));
    }
    if (!labels.isEmpty()) {
      chart.addSeries("pgbench transactions", labels, tps);
      chart.addSeries("pathway task completions", labels, pathway);
      chart.addSeries("flat task completions", labels, flat);
    }
    save(chart, charts, "database");
    md.append("\n![Against pgbench](benchmarks/database.png)\n\n");
  }

  private void tasklist(Path charts) throws IOException {
    md.append("## 4. Tasklist latency at scale\n\n");
    md.append("The REST query behind the Tasklist filter « Tâches de mon équipe » (the filter's own query: candidate "
        + "groups of the user, assigned tasks included, sorted by due date; first page of 15, the case columns "
        + "embedded as Tasklist asks them), as `ts.artois` over HTTP Basic, authorization on, after the open "
        + "cases below were generated across the 10 territories (`artois` holds a tenth of them); sequential "
        + "requests after a warm-up. Also the filter's count, which Tasklist asks alongside. Target: p95 **under "
        + TASKLIST_P95_TARGET_MS + " ms on PostgreSQL**.\n\n");
    md.append("| database | open cases | tasks visible to the user | requests | list p50 | p95 | p99 | max | count p50 | count p95 | target met |\n")
        .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    CategoryChart chart = chart("« Tâches de mon équipe »: latency (ms)", "", "ms");
    List<String> labels = List.of("p50", "p95", "p99");
    for (Map.Entry<String, JsonNode> e : engines.entrySet()) {
      JsonNode t = e.getValue().path("tasklist");
      if (t.isMissingNode()) {
        continue;
      }
      JsonNode list = t.path("listMs");
      JsonNode count = t.path("countMs");
      boolean met = list.path("p95").asDouble() < TASKLIST_P95_TARGET_MS;
      md.append("| %s | %s | %d | %d | %s | **%s** | %s | %s | %s | %s | %s |\n".formatted(e.getKey(), openCases(e.getValue()),
          t.path("tasksVisible").asLong(), t.path("requests").asInt(), f1(list.path("p50").asDouble()),
          f1(list.path("p95").asDouble()), f1(list.path("p99").asDouble()), f1(list.path("max").asDouble()),
          f1(count.path("p50").asDouble()), f1(count.path("p95").asDouble()),
          "postgres".equals(e.getKey()) ? (met ? "yes" : "**no**") : (met ? "(yes)" : "(no)")));
      chart.addSeries(e.getKey(), labels, List.of(list.path("p50").asDouble(), list.path("p95").asDouble(),
          list.path("p99").asDouble()));
    }
    save(chart, charts, "tasklist");
    md.append("\n![Tasklist latency](benchmarks/tasklist.png)\n\n");
  }

  private void indicators() {
    md.append("## 5. Indicators at scale\n\n");
    md.append("`GET /api/indicators?tenant=pas-de-calais` (whole département, whole history) as "
        + "`pilote.pas-de-calais` over HTTP, after the completed cases below were generated; then the same "
        + "computation in process on the harness's thread, to count the bytes it allocates and the heap it "
        + "leaves. Target: **under " + (int) INDICATORS_TARGET_MS / 1000 + " s**.\n\n");
    md.append("| database | completed cases | runs | time median | max | allocated by one request | heap peak during it | heap after GC before / after | target met |\n")
        .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Map.Entry<String, JsonNode> e : engines.entrySet()) {
      JsonNode i = e.getValue().path("indicators");
      if (i.isMissingNode()) {
        continue;
      }
      double median = i.path("httpMedianMs").asDouble();
      md.append("| %s | %s | %d | **%s ms** | %s ms | %s | %s | %s / %s | %s |\n".formatted(e.getKey(),
          completedCases(e.getValue()), i.path("httpMs").size(), f0(median), f0(i.path("httpMaxMs").asDouble()),
          mb(i.path("allocatedBytes").asLong()), mb(i.path("heapPeakBytes").asLong()),
          mb(i.path("heapAfterGcBeforeBytes").asLong()), mb(i.path("heapAfterGcAfterBytes").asLong()),
          median < INDICATORS_TARGET_MS ? "yes" : "**no**"));
    }
    for (Map.Entry<String, JsonNode> e : engines.entrySet()) {
      JsonNode report = e.getValue().path("indicators").path("report");
      if (report.isMissingNode()) {
        continue;
      }
      md.append("\nWhat the report counted on ").append(e.getKey()).append(" (to check the data set is seen): ");
      List<String> figures = new ArrayList<>();
      report.path("indicators").forEach(ind -> figures.add("%s %s/%s".formatted(ind.path("code").asText(),
          ind.path("numerator").asText(), ind.path("denominator").asText())));
      JsonNode ops = report.path("operations");
      figures.add("openCases " + ops.path("openCases").asText());
      figures.add("referrals " + ops.path("referrals").asText());
      md.append(String.join(", ", figures)).append(".\n");
    }
    md.append('\n');
  }

  private void footprint() {
    md.append("## 6. Footprint (H2 default)\n\n");
    md.append("`./mvnw spring-boot:run`'s configuration (profile `demo`, file H2 database, demo users and filters), "
        + "each start in a JVM of its own with the JVM's default heap settings: time from the JVM's start to the "
        + "application ready (`SpringApplication.run` returned), heap in use after a full GC once ready, resident "
        + "memory. `first` = an empty database (schema and demo data created), `restart` = the same database "
        + "again. The demo history (300 cases driven through the processes on the first start only, before the web "
        + "server starts) is switched off (`parcours.demo.history-cases=0`): it is a one-off of the first start "
        + "and would be counted in it otherwise.\n\n");
    Object footprint = run.get("footprint");
    if (!(footprint instanceof List<?> runs) || runs.isEmpty()) {
      md.append("Not measured in this run.\n\n");
      return;
    }
    md.append("| start | runs | start-up (median) | min – max | heap after GC (median) | heap committed | non-heap | RSS |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (String start : List.of("first", "restart")) {
      Predicate<Map<?, ?>> of = r -> start.equals(r.get("start"));
      List<Map<?, ?>> rows = new ArrayList<>();
      runs.stream().map(r -> (Map<?, ?>) r).filter(of).forEach(rows::add);
      if (rows.isEmpty()) {
        continue;
      }
      List<Double> startup = rows.stream().map(r -> ((Number) r.get("startupSeconds")).doubleValue()).toList();
      List<Double> heap = rows.stream().map(r -> ((Number) r.get("heapAfterGcBytes")).doubleValue()).toList();
      List<Double> committed = rows.stream().map(r -> ((Number) r.get("heapCommittedBytes")).doubleValue()).toList();
      List<Double> nonHeap = rows.stream().map(r -> ((Number) r.get("nonHeapBytes")).doubleValue()).toList();
      List<Double> rss = rows.stream().map(r -> ((Number) r.get("rssBytes")).doubleValue()).toList();
      md.append("| %s | %d | **%s s** | %s – %s s | **%s** | %s | %s | %s |\n".formatted(start, rows.size(),
          f1(Measured.median(startup)), f1(min(startup)), f1(max(startup)), mb((long) Measured.median(heap)),
          mb((long) Measured.median(committed)), mb((long) Measured.median(nonHeap)), mb((long) Measured.median(rss))));
    }
    md.append('\n');
  }

  private void generation() {
    md.append("## Data sets and their generation\n\n");
    md.append("Generated through the engine's API by the harness (`DatasetGenerator`), in batches (one transaction per "
        + "batch), with every listener of the application on, so the grants, tasks and figures are those of "
        + "production. Open cases: `startBeforeActivity` at consent (5 in 10), diagnostic (3 in 10) or the "
        + "référent's coordination (2 in 10), with the variables the earlier steps would have written, spread over "
        + "the 10 territories. Completed cases: started at the agreement (the admission figure is recorded), then "
        + "moved to the end event `pathwayCompleted` (its listeners record the outcome, 7 in 10 positive) — no "
        + "committee sitting in them, so the committee figures of the indicators are computed over the few "
        + "throughput cases only. ");
    md.append(("PostgreSQL's housekeeping runs every %d generated cases and at the end of each data set "
        + "(`VACUUM ANALYZE`, what autovacuum does as tables grow; autovacuum on this server: %s): without it the "
        + "planner keeps the plans it made for near-empty tables.\n\n").formatted(BenchConfig.maintenanceEvery(),
            engines.containsKey("postgres") ? engines.get("postgres").path("autovacuum").asText("?") : "–"));
    md.append("| database | open cases | s | cases/s | completed cases | s | cases/s |\n| --- | --- | --- | --- | --- | --- | --- |\n");
    for (Map.Entry<String, JsonNode> e : engines.entrySet()) {
      JsonNode g = e.getValue().path("generation");
      JsonNode open = g.path("openCases");
      JsonNode completed = g.path("completedCases");
      md.append("| %s | %s | %s | %s | %s | %s | %s |\n".formatted(e.getKey(), open.path("cases").asText("–"),
          f0(open.path("seconds").asDouble(Double.NaN)), f1(open.path("perSecond").asDouble(Double.NaN)),
          completed.path("cases").asText("–"), f0(completed.path("seconds").asDouble(Double.NaN)),
          f1(completed.path("perSecond").asDouble(Double.NaN))));
    }
    md.append("\nRows in the engine's tables afterwards:\n\n");
    List<String> tables = new ArrayList<>();
    engines.values().stream().findFirst().ifPresent(e -> e.path("rows").fieldNames().forEachRemaining(tables::add));
    if (!tables.isEmpty()) {
      md.append("| database | ").append(String.join(" | ", tables)).append(" |\n|");
      md.append(" --- |".repeat(tables.size() + 1)).append('\n');
      for (Map.Entry<String, JsonNode> e : engines.entrySet()) {
        md.append("| ").append(e.getKey());
        for (String table : tables) {
          md.append(" | ").append(e.getValue().path("rows").path(table).asText("–"));
        }
        md.append(" |\n");
      }
    }
    md.append('\n');
  }

  @SuppressWarnings("unchecked")
  private void whereTheTimeGoes() {
    md.append("## Where the time goes (profile)\n\n");
    md.append("Each database's run is recorded with Java Flight Recorder (`-XX:StartFlightRecording`, settings "
        + "`profile`; the recording stays in `target/bench/engine-<db>.jfr`). Samples are counted per step of the "
        + "run: `cpu` = Java code running (`jdk.ExecutionSample`), `native` = threads of the harness or Tomcat in "
        + "native code (`jdk.NativeMethodSample`, mostly waiting for the database on its socket). By library on "
        + "top of the stack, and by the first frame of the application's own code (`fr.parcours`) in the stack, "
        + "when there is one.\n\n");
    for (Map.Entry<String, Object> db : profiles.entrySet()) {
      Map<String, Object> phases = (Map<String, Object>) db.getValue();
      for (Map.Entry<String, Object> phase : phases.entrySet()) {
        if (phase.getKey().startsWith("warm-up") || phase.getKey().startsWith("pgbench")) {
          continue;
        }
        Map<String, Object> stats = (Map<String, Object>) phase.getValue();
        md.append("**%s, %s** — %s cpu samples, %s native samples.\n\n".formatted(db.getKey(), phase.getKey(),
            stats.get("cpuSamples"), stats.get("nativeSamples")));
        md.append("- by library: ").append(counts((Map<String, Object>) stats.get("byLibrary"), 8)).append('\n');
        md.append("- application frames: ").append(counts((Map<String, Object>) stats.get("applicationFrames"), 8))
            .append('\n');
        md.append("- top frames: ").append(counts((Map<String, Object>) stats.get("topFrames"), 6)).append("\n\n");
      }
    }
  }

  // --- helpers

  private static String counts(Map<String, Object> counts, int n) {
    if (counts == null || counts.isEmpty()) {
      return "–";
    }
    long total = counts.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
    List<String> parts = new ArrayList<>();
    counts.entrySet().stream().limit(n).forEach(e -> parts.add("`%s` %s".formatted(e.getKey(), e.getValue())));
    return String.join(", ", parts) + (total > 0 ? "" : "");
  }

  private List<Double> values(String db, String kind, int threads, String field) {
    List<Double> values = new ArrayList<>();
    JsonNode engine = engines.get(db);
    if (engine == null) {
      return values;
    }
    for (JsonNode r : engine.path("throughput")) {
      if (kind.equals(r.path("kind").asText()) && r.path("threads").asInt() == threads) {
        values.add(r.path(field).asDouble());
      }
    }
    return values;
  }

  private long errors(String db, String kind, int threads) {
    long errors = 0;
    for (JsonNode r : engines.get(db).path("throughput")) {
      if (kind.equals(r.path("kind").asText()) && r.path("threads").asInt() == threads) {
        errors += r.path("errors").asLong();
      }
    }
    return errors;
  }

  private static double medianRatio(List<Double> a, List<Double> b) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      ratios.add(a.get(i) / b.get(i));
    }
    return Measured.median(ratios);
  }

  private static String openCases(JsonNode engine) {
    return engine.path("generation").path("openCases").path("cases").asText("–");
  }

  private static String completedCases(JsonNode engine) {
    return engine.path("generation").path("completedCases").path("cases").asText("–");
  }

  private static CategoryChart chart(String title, String x, String y) {
    CategoryChart chart = new CategoryChartBuilder().width(720).height(420).title(title).xAxisTitle(x).yAxisTitle(y)
        .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLocale(Locale.ENGLISH);
    chart.getStyler().setDecimalPattern("#,##0.#");
    return chart;
  }

  private static void save(CategoryChart chart, Path dir, String name) throws IOException {
    if (chart.getSeriesMap().isEmpty()) {
      return;
    }
    BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private void row(String name, String value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  private static String machine() {
    String cpu = "?";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    } catch (IOException | RuntimeException e) {
      // not Linux: the processor's name stays unknown
    }
    long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize();
    return "%d cores (%s), %s memory, %s %s".formatted(Runtime.getRuntime().availableProcessors(), cpu, mb(memory),
        System.getProperty("os.name"), System.getProperty("os.version"));
  }

  private static String postgresVersion() {
    try {
      return BenchMain.runCommand(List.of("psql", "-h", BenchConfig.pgHost(), "-p", BenchConfig.pgPort(), "-U",
          BenchConfig.pgUser(), "-d", "postgres", "-Atc", "show server_version"), 30).trim()
          + " on " + BenchConfig.pgHost() + ":" + BenchConfig.pgPort() + " (default settings)";
    } catch (RuntimeException e) {
      return "not reached";
    }
  }

  private static double min(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static String f0(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
  }

  static String f1(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
  }

  static String f2(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
  }

  static String f3(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
  }

  static String mb(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
  }
}
