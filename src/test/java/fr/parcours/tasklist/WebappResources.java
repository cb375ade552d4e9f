package fr.parcours.tasklist;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * Files of Camunda's web applications on the class path, told apart by origin: the project's own
 * resources (which the application serves first) and the originals in Camunda's webjar, which
 * the project's copy of a file shadows.
 */
final class WebappResources {

  static final String APP = "META-INF/resources/webjars/camunda/app/";
  private static final String WEBJAR = "camunda-webapp-webjar";

  private WebappResources() {}

  /** The original file of Camunda's webjar, e.g. {@code tasklist/locales/en.json}. */
  static String webjar(String appPath) {
    return read(appPath, url -> url.toString().contains(WEBJAR));
  }

  /** The project's own file, e.g. {@code tasklist/locales/fr.json}. */
  static String project(String appPath) {
    return read(appPath, url -> !url.toString().contains(WEBJAR));
  }

  private static String read(String appPath, Predicate<URL> origin) {
    try {
      List<URL> found = Collections.list(WebappResources.class.getClassLoader().getResources(APP + appPath));
      URL url = found.stream().filter(origin).findFirst()
          .orElseThrow(() -> new IllegalStateException(APP + appPath + " not found there, only in " + found));
      try (InputStream in = url.openStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        // Camunda's en.json files start with a byte order mark
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + APP + appPath, e);
    }
  }
}
