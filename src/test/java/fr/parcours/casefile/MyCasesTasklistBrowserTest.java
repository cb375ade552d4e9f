package fr.parcours.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.Cases;
import fr.parcours.support.HeadlessChromium;
import fr.parcours.support.ParcoursTest;

/**
 * « Mes parcours » and the case actions in a real browser (headless Chromium, in French):
 * <ul>
 * <li>a partner who intervenes in a case in follow-up (the person consented to share) and holds no
 * task on it opens « Mes parcours », finds the case, opens its case file and requests a synthesis
 * meeting; the référent then finds « Tenir une réunion de synthèse » in « Mes tâches »;</li>
 * <li>a social worker of the territory declares an exit (« Déménagement »): the case waits at
 * « Enregistrer la sortie ».</li>
 * </ul>
 * Screenshots: {@code target/screenshots/tasklist-my-cases*.png}, copied to {@code docs/screenshots/}.
 */
@ParcoursTest
class MyCasesTasklistBrowserTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  ChromeDriver browser;
  WebDriverWait wait;
  Cases cases;

  @BeforeEach
  void startBrowser() {
    cases = new Cases(engine);
    browser = HeadlessChromium.start(1500, 1200);
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
  void aPartnerRequestsASynthesisMeetingAndTheCoordinatorFindsTheTask() throws Exception {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    ClockUtil.reset();
    String key = cases.businessKey(pathway);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pathway.getId())
        .taskAssignee("caf.artois").count()).isZero();

    logIn("caf.artois");
    WebElement file = openFromMyCases(key, "tasklist-my-cases");
    assertThat(field(file, "caseReference")).isEqualTo(key);
    // an intervener does not declare an exit: the button is disabled, the reason shown
    WebElement exit = file.findElement(By.cssSelector("button[data-request-type=withdrawal]"));
    assertThat(exit.isEnabled()).isFalse();
    assertThat(file.findElement(By.cssSelector("li[data-request-type=withdrawal]")).getText())
        .contains("est réservé au référent de parcours");

    file.findElement(By.cssSelector("button[data-request-type=synthesis]")).click();
    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[data-request-type=synthesis]")));
    form.findElement(By.cssSelector("textarea[name=reason]")).sendKeys("Point sur le relogement avec la famille");
    screenshot("tasklist-my-cases-request");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".rp-case[data-state=ready] .rp-case-notes"),
        "Réunion de synthèse demandée par"));
    assertThat(browser.findElement(By.cssSelector(".rp-case-notice")).getText()).contains("Demande enregistrée");
    assertThat(browser.findElement(By.cssSelector(".rp-case-notes li")).getText())
        .contains("(intervenant) — motif : Point sur le relogement avec la famille");
    screenshot("tasklist-my-cases-requested");

    Task meeting = cases.task(pathway, "holdSynthesisMeeting");
    assertThat(meeting.getAssignee()).isEqualTo("ts2.artois");

    // the référent finds the meeting in « Mes tâches »
    browser.manage().deleteAllCookies();
    logIn("ts2.artois");
    By card = By.xpath("//li[contains(@class,'task')][contains(.,'" + key + "')][.//h4[normalize-space()=\"Tenir une réunion de synthèse\"]]");
    new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofSeconds(3))
        .ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class)
        .until(d -> {
          if (d.findElements(card).isEmpty()) {
            d.findElement(By.xpath("//a[contains(normalize-space(),\"Mes tâches\")]")).click();
            return false;
          }
          return true;
        });
    screenshot("tasklist-my-cases-synthesis-task");
  }

  @Test
  void aSocialWorkerDeclaresAnExit() throws Exception {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    ClockUtil.reset();
    String key = cases.businessKey(pathway);

    logIn("ts.artois");
    WebElement file = openFromMyCases(key, null);
    file.findElement(By.cssSelector("button[data-request-type=withdrawal]")).click();
    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[data-request-type=withdrawal]")));
    assertThat(form.getText()).contains("Demande faite au nom de : la personne");
    new Select(form.findElement(By.cssSelector("select[name=exitReason]"))).selectByVisibleText("Déménagement");
    form.findElement(By.cssSelector("textarea[name=reason]")).sendKeys("La famille s'installe dans le Finistère.");
    screenshot("tasklist-my-cases-exit");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".rp-case[data-state=ready] .rp-case-notes"),
        "Sortie du dispositif déclarée par"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector(".rp-case[data-state=ready] [data-field=currentSteps] dd"), "Enregistrer la sortie"));

    assertThat(engine.getRuntimeService().getActiveActivityIds(pathway.getId())).containsExactly("recordExit");
    assertThat(cases.variable(pathway, "exitReason")).isEqualTo("move");
  }

  private void logIn(String user) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.tasks-list, .task-filters")));
  }

  /** « Mes parcours » in the header, search by reference, open the case: its case file, once loaded. */
  private WebElement openFromMyCases(String key, String screenshotOfList) throws Exception {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.rp-my-cases-entry"))).click();
    WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".rp-my-cases input[name=search]")));
    search.sendKeys(key);
    browser.findElement(By.xpath("//form[contains(@class,'rp-my-cases-search')]//button[normalize-space()='Rechercher']")).click();
    WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".rp-my-cases tr[data-case='" + key + "']")));
    assertThat(row.getText()).contains("M. D. 1984").contains("Artois").contains("Coordonner le parcours");
    if (screenshotOfList != null) {
      screenshot(screenshotOfList);
    }
    row.findElement(By.cssSelector("a.rp-my-cases-open")).click();
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rp-my-cases .rp-case[data-state=ready]")));
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
