package fr.parcours.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import fr.parcours.support.HeadlessChromium;
import fr.parcours.support.ParcoursTest;

/**
 * A pilot logs into Cockpit, opens the plugin « Indicateurs référent de parcours », chooses a
 * territory and a period, and reads the same figures as the API gives for them; each indicator's
 * « Évolution sur 12 mois » as the trend API gives it, with its target; the table of all territories
 * loaded in one request. Headless Chromium
 * and chromedriver from the system ({@code CHROMIUM_BIN}, {@code CHROMEDRIVER_BIN}, by default
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}; CI installs them). Screenshots:
 * {@code target/indicators-cockpit*.png}.
 */
@ParcoursTest
class IndicatorsCockpitBrowserTest {

  static final String QUERY = "tenant=pas-de-calais&territory=montreuillois&from=2019-01-01&to=2019-12-31";
  static final List<String> CODES = List.of("coverage", "trainedInterveners", "partnerAttendance", "personAttendance",
      "positiveEvolution", "personsAccompanied", "partners");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  ChromeDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void startBrowser() {
    IndicatorDataset.ensure(engine);
    // the engine clock in the dataset's history (December 2019), reset after the test
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2019, 12, 15, 12, 0).atZone(IndicatorRequest.ZONE).toInstant()));
    browser = HeadlessChromium.start(1400, 1800);
    wait = new WebDriverWait(browser, Duration.ofSeconds(120));
  }

  @AfterEach
  void stopBrowser() {
    ClockUtil.reset();
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aPilotReadsInCockpitTheFiguresOfTheApi() throws Exception {
    String base = "http://localhost:" + port;
    browser.get(base + "/camunda/app/cockpit/default/");
    WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=text]")));
    username.sendKeys("pilote.pas-de-calais");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    // the pilot lands on the indicators, not on Cockpit's dashboard, and the header offers only them
    wait.until(ExpectedConditions.urlContains("#/indicateurs"));
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[data-plugin=indicateurs][data-state=ready] [data-indicator=coverage]")));
    assertThat(menuEntries()).containsExactly("Indicateurs");
    screenshot("indicators-cockpit-landing");

    // the plugin's page, from the header entry
    browser.findElement(By.linkText("Indicateurs")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".rp-ind[data-state=ready] [data-figure=openCases]")));
    WebElement page = browser.findElement(By.cssSelector(".rp-ind[data-state=ready]"));

    // Montreuillois, year 2019
    new Select(page.findElement(By.name("territory"))).selectByValue("montreuillois");
    setDate(page.findElement(By.name("from")), "2019-01-01");
    setDate(page.findElement(By.name("to")), "2019-12-31");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".rp-ind[data-state=ready] .rp-ind-scope"),
        "Montreuillois — du 01/01/2019 au 31/12/2019"));

    JsonNode api = IndicatorsHttp.as(port, "pilote.pas-de-calais").get("/api/indicators?" + QUERY).json();
    for (String code : CODES) {
      JsonNode indicator = IndicatorsApiTest.indicator(api, code);
      WebElement card = page.findElement(By.cssSelector(".rp-ind-grid [data-indicator=" + code + "]"));
      String shown = card.findElement(By.className("rp-ind-value")).getText();
      assertThat(number(shown)).as(code + " shown « " + shown + " »").isEqualTo(indicator.path("value").asDouble());
      if (indicator.path("unit").asText().equals("%")) {
        String fraction = card.findElement(By.className("rp-ind-fraction")).getText();
        assertThat(digits(fraction)).as(code + " fraction « " + fraction + " »")
            .isEqualTo(indicator.path("numerator").asText() + "/" + indicator.path("denominator").asText());
        assertThat(card.getText()).contains(indicator.path("target").isNull() ? "sans cible"
            : "cible " + decimal(indicator.path("target").asDouble()) + " %");
      }
    }
    JsonNode operations = api.path("operations");
    for (String figure : List.of("openCases", "referrals", "admissions", "medianDaysReferralToAdmission", "overdueTasks")) {
      String shown = page.findElement(By.cssSelector("[data-figure=" + figure + "] .rp-ind-number")).getText();
      assertThat(number(shown)).as(figure + " shown « " + shown + " »").isEqualTo(operations.path(figure).asDouble());
    }
    for (JsonNode step : operations.path("casesPerStep")) {
      WebElement row = page.findElement(By.cssSelector("[data-step=" + step.path("taskKey").asText() + "]"));
      assertThat(row.getText()).contains(step.path("name").asText());
      assertThat(row.findElement(By.className("rp-ind-step-count")).getText()).isEqualTo(step.path("cases").asText());
    }
    // the figures the test dataset gives, as the pilot reads them
    assertThat(page.findElement(By.cssSelector("[data-indicator=partnerAttendance]")).getText())
        .contains("73,9 %").contains("80,0 %");
    screenshot("indicators-cockpit");


    // the CSV link asks for the same period
    String csv = page.findElement(By.className("rp-ind-csv")).getAttribute("href");
    assertThat(csv).contains("/camunda/api/cockpit/plugin/indicateurs/default/indicators?").contains(QUERY)
        .contains("format=csv");
  }

  @Test
  void aPilotReadsEachIndicatorsTwelveMonthsAgainstItsTargetAndAllTerritoriesInOneRequest() throws Exception {
    String base = "http://localhost:" + port;
    browser.get(base + "/camunda/app/cockpit/default/");
    WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=text]")));
    username.sendKeys("pilote.pas-de-calais");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("#/indicateurs"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rp-ind[data-state=ready] [data-figure=openCases]")));
    WebElement page = browser.findElement(By.cssSelector(".rp-ind[data-state=ready]"));

    // « Tous les territoires », year 2019: the table of the four territories comes in one request
    JavascriptExecutor js = browser;
    setDate(page.findElement(By.name("from")), "2019-01-01");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".rp-ind[data-state=ready] .rp-ind-scope"),
        "du 01/01/2019"));
    js.executeScript("performance.setResourceTimingBufferSize(1000); performance.clearResourceTimings();");
    setDate(page.findElement(By.name("to")), "2019-12-31");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".rp-ind[data-state=ready] .rp-ind-scope"),
        "tous les territoires — du 01/01/2019 au 31/12/2019"));
    @SuppressWarnings("unchecked")
    List<String> requests = (List<String>) js.executeScript(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/plugin/indicateurs/'));");
    assertThat(requests).as("requests of the plugin").filteredOn(r -> r.contains("/indicators/territories?")).hasSize(1);
    assertThat(requests).as("no request per territory").noneMatch(r -> r.contains("territory="));
    assertThat(page.findElements(By.cssSelector(".rp-ind-table tbody tr"))).extracting(r -> r.getAttribute("data-territory"))
        .containsExactly("artois", "audomarois", "lens-lievin", "montreuillois");
    assertThat(page.findElement(By.cssSelector("tr[data-territory=montreuillois] [data-indicator=partnerAttendance]"))
        .getText()).contains("73,9 %");

    // « Évolution sur 12 mois »: the months of 2019 (the clock is in December 2019), one chart per indicator
    assertThat(page.findElements(By.tagName("h3"))).extracting(WebElement::getText).contains("Évolution sur 12 mois");
    List<String> frenchMonths = List.of("janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct",
        "nov", "déc");
    for (String code : CODES) {
      JsonNode trend = IndicatorsHttp.as(port, "pilote.pas-de-calais")
          .get("/api/indicators/trend?tenant=pas-de-calais&indicator=" + code + "&months=12").json();
      WebElement chart = page.findElement(By.cssSelector("[data-trend=" + code + "]"));
      assertThat(chart.findElement(By.tagName("figcaption")).getText()).isEqualTo(trend.path("label").asText());
      List<WebElement> months = chart.findElements(By.cssSelector("g.rp-ind-trend-month"));
      assertThat(months).as(code).hasSize(12);
      int points = 0;
      for (int i = 0; i < 12; i++) {
        JsonNode month = trend.path("months").get(i);
        WebElement shown = months.get(i);
        assertThat(shown.getAttribute("data-month")).isEqualTo(String.format("2019-%02d", i + 1));
        assertThat(shown.findElement(By.className("rp-ind-trend-label")).getAttribute("textContent"))
            .startsWith(frenchMonths.get(i));
        if (month.path("value").isNull()) {
          assertThat(shown.findElements(By.tagName("circle"))).as(code + " " + month.path("month")).isEmpty();
        } else {
          assertThat(Double.parseDouble(shown.getAttribute("data-value"))).as(code + " " + month.path("month"))
              .isEqualTo(month.path("value").asDouble());
          assertThat(shown.findElements(By.tagName("circle"))).hasSize(1);
          points++;
        }
      }
      List<WebElement> target = chart.findElements(By.className("rp-ind-trend-target"));
      if (trend.path("target").isNull()) {
        assertThat(target).as(code + " has no target").isEmpty();
      } else {
        assertThat(target).as(code + " target").hasSize(1);
        assertThat(Double.parseDouble(target.get(0).getAttribute("data-target"))).isEqualTo(trend.path("target").asDouble());
        assertThat(target.get(0).findElement(By.tagName("line")).getAttribute("stroke-dasharray")).isNotBlank();
        assertThat(target.get(0).getAttribute("textContent")).isEqualTo("cible " + decimal(trend.path("target").asDouble()) + " %");
      }
      if (code.equals("coverage")) {
        // the département's coverage has a value every month: twelve points on the line
        assertThat(points).isEqualTo(12);
      }
    }
    js.executeScript("arguments[0].scrollIntoView()", page.findElement(By.className("rp-ind-trends")));
    screenshot("indicators-cockpit-trends");
  }

  @Test
  void anOperatorKeepsCockpitsOwnDashboardAndMenus() {
    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
    WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=text]")));
    username.sendKeys("demo");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[data-plugin=indicateurs][data-state=ready] [data-indicator=coverage]")));
    assertThat(browser.getCurrentUrl()).contains("#/dashboard");
    assertThat(menuEntries()).contains("Indicateurs").hasSizeGreaterThan(2);
  }

  /** The entries of Cockpit's header menu, as shown. */
  private List<String> menuEntries() {
    By entries = By.cssSelector("[cam-widget-header] ul[cam-if-logged-in] > li");
    wait.until(ExpectedConditions.presenceOfElementLocated(entries));
    return browser.findElements(entries).stream().map(WebElement::getText).map(String::trim)
        .filter(text -> !text.isEmpty()).toList();
  }

  /** A date input set as a person would, through its change event. */
  private void setDate(WebElement input, String isoDate) {
    ((JavascriptExecutor) browser).executeScript(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        input, isoDate);
  }

  private void screenshot(String name) throws Exception {
    Path target = Path.of("target", name + ".png");
    Files.createDirectories(target.getParent());
    Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  /** "73,9 %", "1 465 000", "7,0" → the number. */
  private static double number(String shown) {
    return Double.parseDouble(shown.replaceAll("[\\s\\u00a0\\u202f%]", "").replace(',', '.'));
  }

  /** "65 / 88" → "65/88". */
  private static String digits(String fraction) {
    return fraction.replaceAll("[\\s\\u00a0\\u202f]", "");
  }

  private static String decimal(double value) {
    return String.format(java.util.Locale.ROOT, "%.1f", value).replace('.', ',');
  }
}
