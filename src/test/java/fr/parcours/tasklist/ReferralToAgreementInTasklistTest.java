package fr.parcours.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.HeadlessChromium;
import fr.parcours.support.ParcoursTest;

/**
 * The admission path walked in Tasklist by the people who do it, through the Camunda Forms, in
 * French: a social worker of Saverne refers a person (and is first stopped by the validation),
 * records the person's consent and does the global diagnostic; the CTAS of Saverne schedules and
 * holds the technical committee, which designates the référent the person chose; the référent
 * signs the agreement. The engine must then hold the case in follow-up with what the forms
 * submitted. Headless Chromium and chromedriver from the system, as in
 * {@code IndicatorsCockpitBrowserTest}. Screenshots: {@code target/screenshots/tasklist-*.png}.
 */
@ParcoursTest
class ReferralToAgreementInTasklistTest {

  /** The browser shows dates and times as a person in Saverne would enter them. */
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** The forms' date pickers read and show day/month/year, in French (app/parcours/tasklist-french.js). */
  static final DateTimeFormatter PICKER_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  static final DateTimeFormatter PICKER_DATE_SHOWN = DateTimeFormatter.ofPattern("d/M/yyyy");

  static final String SOCIAL_WORKER = "ts.saverne";
  static final String CTAS = "ctas.saverne";
  /** Listed as an intervener with an account, chosen by the person, designated by the committee. */
  static final String REFERENT = "ts2.saverne";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  ChromeDriver browser;
  WebDriverWait wait;
  int shots;

  @BeforeEach
  void startBrowser() {
    BpmnAwareTests.init(engine);
    browser = HeadlessChromium.start(1400, 900);
    browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", PARIS.getId()));
    wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
        .ignoring(ElementClickInterceptedException.class);
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aReferralIsDrivenToTheAgreementThroughTheFormsInFrench() throws Exception {
    String personRef = "P-" + UUID.randomUUID().toString().substring(0, 8);

    // 1. the social worker refers the person from the start form
    logIn(SOCIAL_WORKER, "Travailleur social Saverne", true);
    // the keyboard-shortcut help is in French
    click(By.cssSelector("a.showShortcutHelp"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shortcut-modal .modal-body")));
    assertThat(text(By.cssSelector(".shortcut-modal"))).contains("Raccourcis clavier",
        "prendre en charge la tâche sélectionnée", "ouvrir la fenêtre « Démarrer une démarche »");
    screenshot("shortcut-help");
    click(By.cssSelector(".shortcut-modal .modal-footer button"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".shortcut-modal")));
    click(By.linkText("Démarrer une démarche"));
    click(By.linkText("Démarche référent de parcours"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-content .fjs-form")));
    assertThat(text(By.cssSelector(".modal-content .fjs-form"))).contains("Saisine — démarche du référent de parcours", "Référence de la personne",
        "Territoire", "Intervenants déjà engagés", "Domaines de difficulté", "Accompagnement durable");
    assertThat(text(By.cssSelector(".modal-footer button.btn-primary"))).isEqualTo("Démarrer");
    // Camunda Forms' own texts in French: the empty choice, the dynamic list's button
    assertThat(browser.findElement(fieldBy("territory_field-display")).getText()).isEqualTo("Choisir…");
    assertThat(text(By.cssSelector(".modal-content .fjs-repeat-render-add"))).isEqualTo("Ajouter");
    // the form does not ask for one's own login: the referrer is the logged-in user, unless they refer
    // on behalf of a social worker of their territory, chosen in a list the application fills in
    assertThat(text(By.cssSelector(".modal-content .fjs-form"))).contains("Pour le compte de")
        .doesNotContain("Votre identifiant");
    click(By.xpath("//div[contains(@class,'fjs-input-group')][input[contains(@id,'-referrerId_field')]]"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-content .fjs-dropdownlist-item")));
    assertThat(browser.findElements(By.cssSelector(".modal-content .fjs-dropdownlist-item")))
        .extracting(WebElement::getText).containsExactly("Travailleuse sociale Saverne — Saverne (" + REFERENT + ")");
    screenshot("start-form-on-behalf");
    click(By.cssSelector(".modal-content .fjs-form-field-text"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-content .fjs-dropdownlist-item")));
    assertThat(browser.findElement(fieldBy("referrerId_field-display")).getText()).isEqualTo("Choisir…");

    // everything but the person's reference: the form stops at the empty required field
    select("territory_field", "Saverne (Bas-Rhin)");
    type("personLabel_field", "M. D. 1984");
    type("interveners_name_0", "Travailleuse sociale de secteur");
    type("interveners_organisation_0", "Département");
    type("interveners_userId_0", REFERENT);
    type("interveners_name_1", "Conseiller France Travail");
    type("interveners_organisation_1", "France Travail");
    for (String domain : List.of("Logement", "Emploi / insertion", "Parentalité")) {
      click(By.xpath("//label[normalize-space()=\"" + domain + "\"]"));
    }
    click(fieldBy("durableSupport_field"));
    click(By.cssSelector(".modal-footer button.btn-primary"));
    By refused = By.xpath("//div[contains(@class,'fjs-has-errors')][.//input[contains(@id,'-personRef_field')]]");
    wait.until(ExpectedConditions.visibilityOfElementLocated(refused));
    assertThat(text(refused)).contains("Référence de la personne")
        .contains("Ce champ est obligatoire.").doesNotContain("Field is required.");
    screenshot("start-form-required-field");
    assertThat(startedWith(personRef)).isNull();

    // the reference given, but the interveners removed: the server refuses, in French, and starts nothing
    type("personRef_field", personRef);
    for (int row = 1; row >= 0; row--) {
      click(By.cssSelector(".modal-content .fjs-repeat-row-remove"));
      int left = row;
      wait.until(d -> d.findElements(By.cssSelector(".modal-content .fjs-repeat-row-remove")).size() == left);
    }
    click(By.cssSelector(".modal-footer button.btn-primary"));
    By refusal = By.xpath("//div[contains(@class,'notifications')]//div[contains(@class,'alert-danger')][contains(.,'Saisie refusée')]");
    wait.until(ExpectedConditions.visibilityOfElementLocated(refusal));
    assertThat(text(refusal)).contains("La démarche n'a pas pu être démarrée.")
        .contains("Saisie refusée (Démarche référent de parcours) : « Intervenants déjà engagés » est obligatoire")
        .doesNotContain("Cannot instantiate", "ENGINE-");
    screenshot("start-form-refused");
    assertThat(startedWith(personRef)).isNull();

    // the interveners listed again, through the list's "add" button: the referral starts
    click(By.cssSelector(".modal-content .fjs-repeat-render-add"));
    type("interveners_name_0", "Travailleuse sociale de secteur");
    type("interveners_organisation_0", "Département");
    type("interveners_role_0", "Assistante sociale de secteur");
    type("interveners_userId_0", REFERENT);
    click(By.cssSelector(".modal-content .fjs-repeat-render-add"));
    type("interveners_name_1", "Conseiller France Travail");
    type("interveners_organisation_1", "France Travail");
    // the person closes the two messages and looks over the form again
    By closeMessage = By.cssSelector(".modal-content .notifications .alert button.close[ng-click^='removeNotification']");
    while (!browser.findElements(closeMessage).isEmpty()) {
      int open = browser.findElements(closeMessage).size();
      click(closeMessage);
      wait.until(d -> d.findElements(closeMessage).size() < open);
    }
    ((JavascriptExecutor) browser).executeScript("document.querySelector('.modal').scrollTop = 0;");
    screenshot("start-form");
    click(By.cssSelector(".modal-footer button.btn-primary"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-content")));
    HistoricProcessInstance started = wait.until(d -> startedWith(personRef));
    String caseRef = started.getBusinessKey();
    assertThat(caseRef).matches("RP-\\d{4}-\\d{6}");

    // 2. the new task is in the team's list with the case reference; consent, then diagnostic
    String card = openTask("Tâches de mon équipe", caseRef, "Recueillir l'adhésion de la personne");
    assertThat(card).contains(caseRef, "M. D. 1984");
    screenshot("task-list");
    claim();
    String form = formShowing("consentGiven_field-0");
    // the task header names the département, not the tenant id
    assertThat(text(By.cssSelector(".task-card .tenant-id"))).isEqualTo("Bas-Rhin");
    assertThat(form).contains("réf. " + personRef, "Saverne (Bas-Rhin)",
        "Travailleuse sociale de secteur — Département, Assistante sociale de secteur (identifiant : " + REFERENT + ")",
        "La personne adhère à la démarche");
    click(fieldBy("consentGiven_field-0"));
    click(fieldBy("sharingConsent_field"));
    type("preferredCoordinatorId_field", REFERENT);
    screenshot("consent");
    complete();

    openTask("Tâches de mon équipe", caseRef, "Réaliser le diagnostic global");
    claim();
    formShowing("diagnosisSummary_field");
    type("diagnosisSummary_field", "Logement précaire, recherche d'emploi, soutien à la parentalité.");
    type("strengths_field", "Famille mobilisée");
    // the action plan is a dynamic list: one objective kept, the second row removed
    click(By.cssSelector(".task-details .fjs-repeat-row-remove"), 1);
    wait.until(d -> d.findElements(By.cssSelector(".task-details .fjs-repeat-row-remove")).size() == 1);
    type("actionPlan_id_0", "O1");
    type("actionPlan_label_0", "Trouver un logement adapté");
    select("actionPlan_domain_0", "Logement");
    type("actionPlan_ownerName_0", "CCAS");
    LocalDate objectiveDue = LocalDate.now(PARIS).plusMonths(4);
    date("actionPlan_dueDate_0-date", objectiveDue);
    select("plannedDuration_field", "6 mois");
    select("reviewCycle_field", "Tous les 2 mois");
    screenshot("diagnostic");
    complete();
    logOut();

    // 3. the CTAS schedules the committee, the day comes, the committee admits and designates the référent
    logIn(CTAS, "CTAS Saverne", false);
    openTask("Instances techniques à organiser", caseRef, "Planifier l'instance technique");
    claim();
    formShowing("committeeDate_field-date");
    assertThat(field("committeeDate_field-date").getAttribute("placeholder")).isEqualTo("jj/mm/aaaa");
    LocalDate committeeDay = LocalDate.now(PARIS).plusDays(1);
    date("committeeDate_field-date", committeeDay);
    type("committeeDate_field-time", "14:00");
    field("committeeDate_field-time").sendKeys(Keys.TAB);
    assertThat(field("committeeDate_field-time").getAttribute("value")).isEqualTo("14:00");
    List<List<String>> members = List.of(List.of("Travailleuse sociale de secteur", "Département"),
        List.of("Conseiller France Travail", "France Travail"), List.of("Responsable CTAS", "Département"));
    for (int i = 0; i < members.size(); i++) {
      type("invitedMembers_name_" + i, members.get(i).get(0));
      type("invitedMembers_organisation_" + i, members.get(i).get(1));
    }
    screenshot("schedule-committee");
    complete();

    // the job executor is off in tests: the committee-day timer, due when the CTAS said, is run here
    ProcessInstance committee = wait.until(d -> engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(caseRef).processDefinitionKey("technical-committee").singleResult());
    Job committeeDayTimer = engine.getManagementService().createJobQuery().processInstanceId(committee.getId())
        .timers().singleResult();
    assertThat(committeeDayTimer.getDuedate().toInstant())
        .isEqualTo(ZonedDateTime.of(committeeDay, LocalTime.of(14, 0), PARIS).toInstant());
    engine.getManagementService().executeJob(committeeDayTimer.getId());

    form = openTaskForm("Instances techniques à tenir", caseRef, "Tenir l'instance technique", "attendance_name_0");
    assertThat(form).contains("Objet : admission dans la démarche",
        "Date : " + committeeDay.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")) + " à 14:00",
        "Référent choisi par la personne : " + REFERENT, "Responsable CTAS (Département)");
    claim();
    formShowing("attendance_name_0");
    for (int i = 0; i < members.size(); i++) {
      type("attendance_name_" + i, members.get(i).get(0));
      type("attendance_organisation_" + i, members.get(i).get(1));
    }
    click(fieldBy("attendance_present_0"));
    click(fieldBy("attendance_present_2"));
    click(fieldBy("personPresent_field-0"));
    click(By.xpath("//label[normalize-space()=\"Admettre dans la démarche\"]"));
    // the référent the person chose is proposed
    wait.until(d -> REFERENT.equals(field("coordinatorId_field").getAttribute("value")));
    assertThat(browser.findElement(By.cssSelector("[id$='-plannedDuration_field-display']")).getText()).isEqualTo("6 mois");
    type("decisionNotes_field", "Admission : logement et emploi en priorité.");
    screenshot("hold-committee");
    complete();
    logOut();

    // 4. the référent signs the agreement with the person
    logIn(REFERENT, "Travailleuse sociale Saverne", false);
    form = openTaskForm("Mes tâches", caseRef, "Contractualiser l'engagement", "agreementSigned_field");
    assertThat(form).contains("Durée de l'accompagnement : 6 mois",
        "O1 · Trouver un logement adapté (Logement) — CCAS, Prévu, échéance "
            + objectiveDue.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
    screenshot("agreement-task");
    click(fieldBy("agreementSigned_field"));
    LocalDate signedOn = LocalDate.now(PARIS);
    date("agreementDate_field-date", signedOn);
    screenshot("agreement-signed");
    complete();
    String followUp = openTask("Mes tâches", caseRef, "Coordonner le parcours");
    assertThat(followUp).contains(caseRef, "Coordonner le parcours");
    screenshot("follow-up");

    // the forms drove the engine: the case is in follow-up with what was entered, each step done by its person
    ProcessInstance pathway = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(caseRef).processDefinitionKey("pathway").singleResult();
    assertThat(pathway).isWaitingAt("coordinatePathway")
        .hasPassedInOrder("recordConsent", "globalDiagnostic", "admissionCommittee", "signAgreement")
        .variables().containsEntry("personRef", personRef).containsEntry("territory", "saverne")
        .containsEntry("referrerId", SOCIAL_WORKER).containsEntry("durableSupport", true)
        .containsEntry("consentGiven", true).containsEntry("sharingConsent", true)
        .containsEntry("preferredCoordinatorId", REFERENT).containsEntry("committeeDecision", "admit")
        .containsEntry("coordinatorId", REFERENT).containsEntry("plannedDuration", "P6M")
        .containsEntry("reviewCycle", "P2M").containsEntry("agreementSigned", true);
    assertThat(pathway).task().isAssignedTo(REFERENT);
    SpinJsonNode interveners = (SpinJsonNode) engine.getRuntimeService().getVariable(pathway.getId(), "interveners");
    assertThat(interveners.elements()).hasSize(2);
    assertThat(interveners.elements().get(0).prop("userId").stringValue()).isEqualTo(REFERENT);
    assertThat(interveners.elements().get(1).prop("organisation").stringValue()).isEqualTo("France Travail");
    SpinJsonNode difficulties = (SpinJsonNode) engine.getRuntimeService().getVariable(pathway.getId(), "difficultyDomains");
    assertThat(difficulties.elements()).extracting(SpinJsonNode::stringValue)
        .containsExactlyInAnyOrder("housing", "employment", "parenting");
    SpinJsonNode actionPlan = (SpinJsonNode) engine.getRuntimeService().getVariable(pathway.getId(), "actionPlan");
    assertThat(actionPlan.elements()).hasSize(1);
    assertThat(actionPlan.elements().get(0).prop("domain").stringValue()).isEqualTo("housing");
    assertThat(actionPlan.elements().get(0).prop("dueDate").stringValue()).isEqualTo(objectiveDue.toString());
    assertThat(engine.getRuntimeService().getVariable(pathway.getId(), "planEndDate")).isNotNull();
    Date agreementDate = (Date) engine.getRuntimeService().getVariable(pathway.getId(), "agreementDate");
    assertThat(agreementDate.toInstant().atZone(PARIS).toLocalDate()).isEqualTo(signedOn);
    assertThat(completedBy(caseRef)).containsEntry("recordConsent", SOCIAL_WORKER)
        .containsEntry("globalDiagnostic", SOCIAL_WORKER).containsEntry("scheduleCommittee", CTAS)
        .containsEntry("holdCommittee", CTAS).containsEntry("signAgreement", REFERENT);
  }

  // --- what a person does in Tasklist

  private void logIn(String userId, String shownName, boolean takeScreenshot) throws Exception {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    // the translations load after the page: wait for them, then read what the person sees
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector("input[type=text]"), "placeholder", "Identifiant"));
    WebElement username = browser.findElement(By.cssSelector("input[type=text]"));
    WebElement password = browser.findElement(By.cssSelector("input[type=password]"));
    WebElement signIn = browser.findElement(By.cssSelector("button[type=submit]"));
    assertThat(password.getAttribute("placeholder")).isEqualTo("Mot de passe");
    assertThat(signIn.getText()).isEqualTo("Se connecter");
    username.sendKeys(userId);
    password.sendKeys("demo");
    if (takeScreenshot) {
      screenshot("login");
    }
    signIn.click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("nav.cam-nav li.account"), shownName));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Démarrer une démarche")));
  }

  private void logOut() {
    click(By.cssSelector("nav.cam-nav li.account > a.dropdown-toggle"));
    click(By.cssSelector("a[ng-click='logout()']"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=password]")));
  }

  /**
   * Opens the filter and the task of the case in it, clicking the filter again until the task is
   * listed (the list is read once per click). Returns the text of the task's card.
   */
  private String openTask(String filter, String caseRef, String taskName) {
    By card = By.xpath("//li[contains(@class,'task')][contains(.,'" + caseRef + "')][.//h4[normalize-space()=\""
        + taskName + "\"]]");
    new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofSeconds(3))
        .ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class)
        .until(d -> {
          if (d.findElements(card).isEmpty()) {
            scrolledIntoView(d.findElement(By.xpath("//a[contains(normalize-space(),\"" + filter + "\")]"))).click();
            return false;
          }
          return true;
        });
    click(By.xpath("//li[contains(@class,'task')][contains(.,'" + caseRef + "')]//h4[normalize-space()=\"" + taskName
        + "\"]/a"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-details, [cam-tasklist-task]"),
        taskName));
    return text(card);
  }

  private String openTaskForm(String filter, String caseRef, String taskName, String fieldKey) {
    openTask(filter, caseRef, taskName);
    return formShowing(fieldKey);
  }

  /** Takes the task ("Prendre en charge") and waits until Tasklist shows it as taken. */
  private void claim() {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-details .claim")));
    assertThat(text(By.cssSelector(".task-details .claim"))).isEqualTo("Prendre en charge");
    click(By.cssSelector(".task-details .claim"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".task-details .claim")));
  }

  /** The task's form once rendered (with the given field), after any reload of the task. */
  private String formShowing(String fieldKey) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(fieldBy(fieldKey)));
    return text(By.cssSelector(".task-details .fjs-form"));
  }

  /** Submits the task's form ("Valider") and waits until the task has left the view. */
  private void complete() {
    By button = By.cssSelector(".task-details button[ng-click='complete()']");
    wait.until(ExpectedConditions.elementToBeClickable(button));
    assertThat(text(button)).isEqualTo("Valider");
    String taskUrl = browser.getCurrentUrl();
    click(button);
    new WebDriverWait(browser, Duration.ofSeconds(60))
        .withMessage(() -> "the task is still open; Tasklist says: " + notifications())
        .until(d -> !taskUrl.equals(d.getCurrentUrl()) || d.findElements(button).isEmpty());
  }

  private String notifications() {
    return browser.findElements(By.cssSelector(".notifications .alert")).stream().map(WebElement::getText).toList()
        .toString();
  }

  /** The text shown by the element, read again if Tasklist redraws it meanwhile. */
  private String text(By by) {
    return wait.until(d -> d.findElement(by).getText());
  }

  /** A form-js field by its key (form-js prefixes the ids with the form's instance id). */
  private static By fieldBy(String key) {
    return By.cssSelector("[id$='-" + key + "']");
  }

  private WebElement field(String key) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(fieldBy(key)));
  }

  private void type(String key, String text) {
    wait.until(d -> {
      WebElement input = scrolledIntoView(field(key));
      input.clear();
      input.sendKeys(text);
      return true;
    });
    wait.until(d -> text.equals(field(key).getAttribute("value")));
  }

  /** form-js select: a click on the field opens its list, a click on the option chooses it. */
  private void select(String key, String option) {
    click(By.xpath("//div[contains(@class,'fjs-input-group')][input[contains(@id,'-" + key + "')]]"));
    click(By.xpath("//div[contains(@class,'fjs-dropdownlist-item') and normalize-space()=\"" + option + "\"]"));
    wait.until(ExpectedConditions.textToBe(fieldBy(key + "-display"), option));
  }

  /** A date typed as the picker reads it, and checked to have stuck once the field is left. */
  private void date(String key, LocalDate date) {
    wait.until(d -> {
      WebElement input = scrolledIntoView(field(key));
      input.click();
      input.clear();
      input.sendKeys(date.format(PICKER_DATE), Keys.TAB);
      return true;
    });
    List<String> accepted = List.of(date.format(PICKER_DATE), date.format(PICKER_DATE_SHOWN));
    wait.until(d -> accepted.contains(field(key).getAttribute("value")));
  }

  private void click(By by) {
    wait.until(d -> {
      scrolledIntoView(d.findElement(by)).click();
      return true;
    });
  }

  /** The nth (0-based) element found, clicked. */
  private void click(By by, int index) {
    wait.until(d -> {
      List<WebElement> found = d.findElements(by);
      if (found.size() <= index) {
        return false;
      }
      scrolledIntoView(found.get(index)).click();
      return true;
    });
  }

  /** Tasklist's footer covers the bottom of the page: elements are clicked in the middle of the view. */
  private WebElement scrolledIntoView(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    return element;
  }

  private void screenshot(String name) throws Exception {
    Path target = Path.of("target", "screenshots", String.format("tasklist-%02d-%s.png", ++shots, name));
    Files.createDirectories(target.getParent());
    Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  // --- what the engine recorded

  private HistoricProcessInstance startedWith(String personRef) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("pathway")
        .variableValueEquals("personRef", personRef).singleResult();
  }

  /** Task key → the user who completed it, over the case and its committees. */
  private Map<String, String> completedBy(String caseRef) {
    List<String> instances = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseRef).list().stream().map(HistoricProcessInstance::getId).toList();
    Map<String, String> byKey = new java.util.HashMap<>();
    for (String instance : instances) {
      for (HistoricTaskInstance task : engine.getHistoryService().createHistoricTaskInstanceQuery()
          .processInstanceId(instance).finished().list()) {
        byKey.put(task.getTaskDefinitionKey(), task.getAssignee());
      }
    }
    return byKey;
  }
}
