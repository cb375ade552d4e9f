package fr.parcours.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.Cases;
import fr.parcours.support.HeadlessChromium;
import fr.parcours.support.ParcoursTest;

/**
 * The référent logs into Tasklist, opens a task of their case, opens the tab « Parcours », reads the
 * case at a glance and adds a note to the journal. Headless Chromium and chromedriver from the
 * system ({@code CHROMIUM_BIN}, {@code CHROMEDRIVER_BIN}, by default {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}). Screenshot: {@code target/screenshots/tasklist-parcours-plugin.png}.
 */
@ParcoursTest
class CaseFileTasklistBrowserTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  ChromeDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void startBrowser() {
    browser = HeadlessChromium.start(1500, 1400);
    wait = new WebDriverWait(browser, Duration.ofSeconds(60));
  }

  @AfterEach
  void stopBrowser() {
    ClockUtil.reset();
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theCoordinatorReadsTheCaseAndAddsANoteInTasklist() throws Exception {
    Cases cases = new Cases(engine);
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts.artois");
    ClockUtil.reset();
    String key = cases.businessKey(pathway);
    String taskId = cases.task(pathway, "coordinatePathway").getId();

    logIn("ts.artois");
    openParcoursTab(taskId);

    WebElement file = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rp-case[data-state=ready]")));
    assertThat(field(file, "caseReference")).isEqualTo(key);
    assertThat(field(file, "personLabel")).isEqualTo("M. D. 1984");
    assertThat(field(file, "territory")).isEqualTo("Artois");
    assertThat(field(file, "currentSteps")).isEqualTo("Coordonner le parcours");
    assertThat(field(file, "coordinator")).isEqualTo("Travailleur social Artois");
    assertThat(file.findElement(By.cssSelector(".rp-case-plan tbody")).getText())
        .contains("Trouver un logement adapté").contains("CCAS").contains("1 mars 2027").contains("Prévu");
    assertThat(file.findElement(By.cssSelector(".rp-case-decisions tbody")).getText())
        .contains("Admission").contains("Travailleur social Artois").contains("Décision collégiale.");
    assertThat(file.findElement(By.cssSelector("[data-document=agreement]")).getAttribute("href"))
        .endsWith("/camunda/api/tasklist/plugin/parcours/default/cases/" + key + "/documents/agreement.pdf");
    assertThat(file.findElement(By.cssSelector("[data-document=committee-decision]")).getText())
        .isEqualTo("Décision de l'instance technique (PDF)");
    WebElement personCopy = file.findElement(By.cssSelector("[data-document=mon-parcours]"));
    assertThat(personCopy.getText()).isEqualTo("Mon parcours — copie pour la personne (PDF)");
    assertThat(personCopy.getAttribute("href"))
        .endsWith("/camunda/api/tasklist/plugin/parcours/default/cases/" + key + "/documents/mon-parcours.pdf");

    String note = "Visite à domicile faite : la famille accepte l'orientation vers le CCAS.";
    file.findElement(By.cssSelector("textarea[name=note]")).sendKeys(note);
    file.findElement(By.xpath(".//button[normalize-space()='Ajouter la note']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".rp-case[data-state=ready] .rp-case-notes"), note));
    WebElement shown = browser.findElement(By.cssSelector(".rp-case-notes li"));
    assertThat(shown.getText()).contains("Travailleur social Artois").contains(note);
    screenshot("tasklist-parcours-plugin");

    assertThat(engine.getTaskService().getProcessInstanceComments(pathway.getId()))
        .singleElement().satisfies(comment -> {
          assertThat(comment.getUserId()).isEqualTo("ts.artois");
          assertThat(((Comment) comment).getFullMessage()).isEqualTo(note);
        });
  }

  @Test
  void theTabWorksForATaskOfTheTechnicalCommittee() {
    Cases cases = new Cases(engine);
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts.artois");
    String key = cases.businessKey(pathway);
    String taskId = cases.task(pathway, "scheduleCommittee").getId();
    assertThat(cases.committee(pathway).getId()).isNotEqualTo(pathway.getId());

    logIn("ctas.artois");
    openParcoursTab(taskId);

    WebElement file = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rp-case[data-state=ready]")));
    assertThat(field(file, "caseReference")).isEqualTo(key);
    assertThat(field(file, "currentSteps")).isEqualTo("Planifier l'instance technique");
    assertThat(field(file, "coordinator")).isEqualTo("Pas encore désigné");
    assertThat(file.findElements(By.cssSelector("[data-document]"))).isEmpty();
    assertThat(file.findElement(By.cssSelector(".rp-case-journal")).getText()).contains("Aucune note pour le moment.");
  }

  private void logIn(String user) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    // stable selectors: the login page's labels depend on the locale
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.tasks-list, .task-filters")));
  }

  /** Opens the task as its card's link does (a user's list holds other tests' tasks too), then the tab « Parcours ». */
  private void openParcoursTab(String taskId) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Parcours']"))).click();
  }

  private static String field(WebElement file, String name) {
    return file.findElement(By.cssSelector("[data-field=" + name + "] dd")).getText();
  }

  private void screenshot(String name) throws Exception {
    Path target = Path.of("target", "screenshots", name + ".png");
    Files.createDirectories(target.getParent());
    Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }
}
