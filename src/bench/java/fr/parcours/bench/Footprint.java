package fr.parcours.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import fr.parcours.ParcoursApplication;

/**
 * Start-up of the H2 default ({@code ./mvnw spring-boot:run}: demo profile, file H2 database), in a
 * JVM of its own: time from the JVM's start to the application ready, and the heap in use after a
 * full GC once ready. Args: the H2 directory, the result file. The demo history (a background
 * thread after start) is off: it would be measured as start-up otherwise.
 */
public final class Footprint {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    boolean firstStart = !Files.exists(dir);
    // as command-line arguments, which come before the demo profile's own settings
    ConfigurableApplicationContext context = new SpringApplicationBuilder(ParcoursApplication.class)
        .run("--server.port=0",
            "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("parcours") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000",
            "--parcours.demo.history-cases=0");
    long readyMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    long heap = EngineBench.heapAfterGc();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("firstStart", firstStart);
    result.put("startupSeconds", readyMs / 1000.0);
    result.put("heapAfterGcBytes", heap);
    result.put("heapCommittedBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
    result.put("nonHeapBytes", ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed());
    result.put("rssBytes", rss());
    EngineBench.JSON.writeValue(Path.of(args[1]).toFile(), result);
    context.close();
    System.exit(0);
  }

  private static long rss() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }
}
