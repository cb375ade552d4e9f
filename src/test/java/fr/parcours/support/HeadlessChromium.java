package fr.parcours.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The browser of the browser tests: the system's headless Chromium and chromedriver
 * ({@code CHROMIUM_BIN}, {@code CHROMEDRIVER_BIN}, by default {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}; CI installs them), asking for French pages as a French social
 * worker's browser does.
 */
public final class HeadlessChromium {

  private HeadlessChromium() {}

  public static ChromeDriver start(int width, int height) {
    String chromium = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
    String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
    if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(chromedriver))) {
      fail("This browser test needs headless Chromium and chromedriver: " + chromium + " and " + chromedriver
          + " not found. Install them (Debian/Ubuntu: apt-get install -y chromium chromium-driver) or set"
          + " CHROMIUM_BIN and CHROMEDRIVER_BIN.");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--lang=fr-FR");
    // headless Chromium ignores --lang for the languages it announces: the webapps read these
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver))
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }
}
