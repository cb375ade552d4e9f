package fr.parcours.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.HeadlessChromium;
import fr.parcours.support.ParcoursTest;

/**
 * Camunda's « Il est temps de migrer vers Camunda 8 » banner is shown to operators only: not on
 * the login pages, not to a social worker in Tasklist, not to a pilot in Cockpit; the
 * administrator still reads Camunda 7 CE's end of life in Tasklist, Cockpit and Admin.
 */
@ParcoursTest
class VendorBannerBrowserTest {

  @LocalServerPort int port;

  ChromeDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void startBrowser() {
    browser = HeadlessChromium.start(1400, 1000);
    wait = new WebDriverWait(browser, Duration.ofSeconds(120));
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aSocialWorkerNeverSeesTheBannerInTasklist() {
    open("tasklist");
    assertNoBanner();
    logIn("ts.artois");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".task-filters, [cam-tasks]")));
    assertNoBanner();
  }

  @Test
  void aPilotNeverSeesTheBannerInCockpit() {
    open("cockpit");
    assertNoBanner();
    logIn("pilote.pas-de-calais");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-plugin=indicateurs]")));
    assertNoBanner();
  }

  @Test
  void theAdministratorStillReadsTheEndOfLifeNotice() {
    open("cockpit");
    assertNoBanner();
    logIn("demo");
    assertThat(banner().getText()).contains("Camunda 8").contains("Camunda 7 CE");
    open("tasklist");
    assertThat(banner().getText()).contains("Camunda 8").contains("Camunda 7 CE");
    open("admin");
    assertThat(banner().getText()).contains("Camunda 8");
  }

  private void open(String app) {
    browser.get("http://localhost:" + port + "/camunda/app/" + app + "/default/");
    // the header is on the page once the webapp (and the application's modules) started
    try {
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[cam-widget-header] .navbar-header")));
    } catch (TimeoutException notStarted) {
      try {
        Path target = Path.of("target", "screenshots", "banner-" + app + "-not-started.png");
        Files.createDirectories(target.getParent());
        Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(target.resolveSibling("banner-" + app + "-not-started.html"), browser.getPageSource());
      } catch (Exception ignored) {
        // the timeout is what the test reports
      }
      throw notStarted;
    }
  }

  private void logIn(String user) {
    WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=text]")));
    username.sendKeys(user);
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[cam-widget-header] .account")));
  }

  private WebElement banner() {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] .ce-eol-banner")));
  }

  private void assertNoBanner() {
    assertThat(browser.findElements(By.cssSelector(".ce-eol-banner"))).as("banner elements").isEmpty();
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Camunda 8");
  }
}
