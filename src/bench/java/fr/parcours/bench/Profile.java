package fr.parcours.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes, from the flight recording of a database's run: per step of the harness,
 * the Java samples ({@code jdk.ExecutionSample}: running code) and the native ones
 * ({@code jdk.NativeMethodSample}: mostly waiting for the database on the socket), counted by the
 * frame on top, by the first frame of the application ({@code fr.parcours}, not the harness) and
 * by the library on top.
 */
final class Profile {

  private Profile() {}

  static Map<String, Object> summarise(Path recording, JsonNode phases) throws IOException {
    List<String> names = new ArrayList<>();
    List<long[]> spans = new ArrayList<>();
    phases.forEach(p -> {
      names.add(p.path("name").asText());
      spans.add(new long[] {p.path("start").asLong(), p.path("end").asLong()});
    });
    Map<String, Stats> byPhase = new LinkedHashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      String type = event.getEventType().getName();
      boolean cpu = "jdk.ExecutionSample".equals(type);
      if (!cpu && !"jdk.NativeMethodSample".equals(type)) {
        continue;
      }
      long time = event.getStartTime().toEpochMilli();
      String phase = null;
      for (int i = 0; i < spans.size(); i++) {
        if (time >= spans.get(i)[0] && time <= spans.get(i)[1]) {
          phase = names.get(i).replaceAll("-\\dt$", "");
          break;
        }
      }
      if (phase == null) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      String thread = event.getThread("sampledThread") != null ? event.getThread("sampledThread").getJavaName() : "";
      if (!cpu && thread != null && !thread.startsWith("bench-") && !thread.startsWith("http-nio")
          && !thread.startsWith("pool-") && !"main".equals(thread)) {
        continue; // idle native threads (acceptors, pollers) are not the work measured
      }
      String topMethod = stack.getFrames().get(0).getMethod().getName();
      if (!cpu && (topMethod.equals("accept") || topMethod.equals("wait") || topMethod.equals("epollWait"))) {
        continue; // idle: acceptor, poller, a thread waiting for work
      }
      byPhase.computeIfAbsent(phase, k -> new Stats()).add(cpu, stack.getFrames());
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    byPhase.forEach((phase, stats) -> summary.put(phase, stats.toMap()));
    return summary;
  }

  private static final class Stats {
    long cpu;
    long nativeSamples;
    final Map<String, Long> top = new HashMap<>();
    final Map<String, Long> application = new HashMap<>();
    final Map<String, Long> library = new HashMap<>();

    void add(boolean isCpu, List<RecordedFrame> frames) {
      if (isCpu) {
        cpu++;
      } else {
        nativeSamples++;
      }
      String kind = isCpu ? "" : " [native]";
      top.merge(name(frames.get(0)) + kind, 1L, Long::sum);
      library.merge(library(frames.get(0)) + kind, 1L, Long::sum);
      for (RecordedFrame frame : frames) {
        String type = frame.getMethod().getType().getName();
        if (type.startsWith("fr.parcours.") && !type.startsWith("fr.parcours.bench.")
            && !type.startsWith("fr.parcours.support.")) {
          application.merge(name(frame), 1L, Long::sum);
          break;
        }
      }
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("cpuSamples", cpu);
      map.put("nativeSamples", nativeSamples);
      map.put("byLibrary", first(library, 10));
      map.put("topFrames", first(top, 15));
      map.put("applicationFrames", first(application, 15));
      return map;
    }

    private static Map<String, Long> first(Map<String, Long> counts, int n) {
      Map<String, Long> sorted = new LinkedHashMap<>();
      counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
          .forEach(e -> sorted.put(e.getKey(), e.getValue()));
      return sorted;
    }

    private static String name(RecordedFrame frame) {
      String type = frame.getMethod().getType().getName();
      return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static String library(RecordedFrame frame) {
      String type = frame.getMethod().getType().getName();
      String[][] libraries = {{"org.postgresql.", "PostgreSQL driver"}, {"org.h2.", "H2"},
          {"org.apache.ibatis.", "MyBatis"}, {"org.camunda.spin.", "Spin (JSON)"}, {"org.camunda.", "Camunda engine"},
          {"com.fasterxml.jackson.", "Jackson"}, {"fr.parcours.", "application"}, {"com.zaxxer.", "HikariCP"},
          {"org.springframework.", "Spring"}, {"org.apache.", "Tomcat / Apache"}, {"java.", "JDK"},
          {"jdk.", "JDK"}, {"sun.", "JDK"}};
      for (String[] library : libraries) {
        if (type.startsWith(library[0])) {
          return library[1];
        }
      }
      return "other";
    }
  }
}
