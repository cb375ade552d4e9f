package fr.parcours.bench;

import java.nio.file.Path;

/**
 * The harness's settings, from system properties ({@code -Dbench.*}, passed through
 * {@code -Dbench.args="..."} on the Maven command line). The defaults are the scale;
 * {@code -Dbench.quick=true} is a smoke run of a few minutes.
 */
final class BenchConfig {

  private BenchConfig() {}

  static boolean quick() {
    return Boolean.getBoolean("bench.quick");
  }

  static int integer(String name, int full, int quick) {
    return Integer.getInteger("bench." + name, quick() ? quick : full);
  }

  static String text(String name, String defaultValue) {
    return System.getProperty("bench." + name, defaultValue);
  }

  /** Databases to measure, in order. */
  static String[] databases() {
    return text("databases", "h2,postgres").split(",");
  }

  static int rounds() { return integer("rounds", 3, 2); }
  static int roundSeconds() { return integer("roundSeconds", 20, 5); }
  static int warmupSeconds() { return integer("warmupSeconds", 15, 5); }
  static int openCases() { return integer("openCases", 100_000, 1_000); }
  static int completedCases() { return integer("completedCases", 100_000, 1_000); }
  /**
   * Scale on H2, the embedded demo database (the scale targets are PostgreSQL's; -1: the same as on
   * PostgreSQL): a tenth of the open cases, a twentieth of the completed ones by default.
   */
  static int h2OpenCases() { return integer("h2.openCases", 10_000, -1); }
  static int h2CompletedCases() { return integer("h2.completedCases", 5_000, -1); }
  /** At 100,000 open cases one request takes seconds on this machine: 30 give the percentiles in minutes. */
  static int latencyRequests() { return integer("latencyRequests", 30, 50); }
  /** Requests before the measured ones (caches, connections, plans). */
  static int latencyWarmup() { return integer("latencyWarmup", 3, 5); }
  static int indicatorRuns() { return integer("indicatorRuns", 5, 2); }
  static int footprintRuns() { return integer("footprintRuns", 3, 1); }
  static int generatorThreads() { return integer("generatorThreads", 2, 2); }
  static int batchSize() { return integer("batchSize", 100, 50); }
  /** Cases generated between two runs of the database's housekeeping (PostgreSQL: VACUUM ANALYZE). */
  static int maintenanceEvery() { return integer("maintenanceEvery", 10_000, 500); }
  static String childHeap() { return text("childHeap", "3g"); }
  static boolean jfr() { return Boolean.parseBoolean(text("jfr", "true")); }
  static String pgHost() { return text("pgHost", "127.0.0.1"); }
  static String pgPort() { return text("pgPort", "5432"); }
  static String pgUser() { return text("pgUser", "postgres"); }
  static String pgDatabase() { return text("pgDatabase", "bench_parcours"); }
  static String pgbenchDatabase() { return text("pgbenchDatabase", "bench_pgbench"); }
  static int pgbenchScale() { return integer("pgbenchScale", 10, 1); }
  static boolean keepDatabases() { return Boolean.getBoolean("bench.keepDatabases"); }

  static Path work() { return Path.of(text("work", "target/bench")); }
  static Path docs() { return Path.of(text("docs", "docs")); }
}
