package fr.parcours.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * The Tasklist plugin « Parcours » over HTTP, with real Tasklist sessions: the case file of a case in
 * follow-up, the journal shared between the référent, the CTAS and the interveners, refusals
 * (another territory, a pilot: 404; bad notes: 400 in French; no CSRF token: refused), the same
 * journal for REST clients, and the plugin's script.
 */
@ParcoursTest
class CaseFilePluginTest {

  static final String PLUGIN = "/camunda/api/tasklist/plugin/parcours/default/cases/";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Cases cases;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theCaseFileOfACaseInFollowUp() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts.artois");
    String key = cases.businessKey(pathway);

    TasklistSession coordinator = TasklistSession.login(port, "ts.artois");
    TasklistSession.Response response = coordinator.get(PLUGIN + pathway.getId());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode file = response.json();
    assertThat(file.path("processInstanceId").asText()).isEqualTo(pathway.getId());
    assertThat(file.path("caseReference").asText()).isEqualTo(key);
    assertThat(file.path("businessKey").asText()).isEqualTo(key);
    assertThat(file.path("personLabel").asText()).isEqualTo("M. D. 1984");
    assertThat(file.path("territory").asText()).isEqualTo("artois");
    assertThat(file.path("territoryName").asText()).isEqualTo("Artois");
    assertThat(texts(file.path("currentSteps"))).containsExactly("Coordonner le parcours");
    assertThat(file.path("coordinator").path("id").asText()).isEqualTo("ts.artois");
    assertThat(file.path("coordinator").path("name").asText()).isEqualTo(fullName("ts.artois"));
    assertThat(file.path("referralDate").asText()).isNotBlank();
    assertThat(file.path("planEndDate").asText())
        .isEqualTo(((java.util.Date) cases.variable(pathway, "planEndDate")).toInstant().toString());
    JsonNode plan = file.path("actionPlan");
    assertThat(plan).hasSize(1);
    assertThat(plan.get(0).path("label").asText()).isEqualTo("Trouver un logement adapté");
    assertThat(plan.get(0).path("ownerName").asText()).isEqualTo("CCAS");
    assertThat(plan.get(0).path("dueDate").asText()).isEqualTo("2027-03-01");
    JsonNode decisions = file.path("decisions");
    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).path("purpose").asText()).isEqualTo("admission");
    assertThat(decisions.get(0).path("decision").asText()).isEqualTo("admit");
    assertThat(decisions.get(0).path("coordinator").path("id").asText()).isEqualTo("ts.artois");
    assertThat(decisions.get(0).path("decisionNotes").asText()).isEqualTo("Décision collégiale.");
    assertThat(decisions.get(0).path("date").asText()).isNotBlank();
    assertThat(file.path("agreementAvailable").asBoolean()).isTrue();
    assertThat(file.path("committeeDecisionAvailable").asBoolean()).isTrue();
    assertThat(file.path("journal")).isEmpty();
  }

  @Test
  void aCaseBeforeTheCommitteeFromTheTaskOfItsCommittee() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts.artois");
    // an adjourned sitting, then the committee sits again
    cases.holdCommittee(pathway, Cases.decision("adjourn", null));
    String committee = cases.committee(pathway).getId();

    TasklistSession ctas = TasklistSession.login(port, "ctas.artois");
    JsonNode file = ctas.get(PLUGIN + committee).json();
    assertThat(file.path("processInstanceId").asText()).isEqualTo(pathway.getId());
    assertThat(texts(file.path("currentSteps"))).containsExactly("Planifier l'instance technique");
    assertThat(file.path("coordinator").isNull()).isTrue();
    assertThat(file.path("planEndDate").isNull()).isTrue();
    assertThat(file.path("agreementAvailable").asBoolean()).isFalse();
    JsonNode decisions = file.path("decisions");
    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).path("decision").asText()).isEqualTo("adjourn");
    assertThat(decisions.get(0).path("coordinator").isNull()).isTrue();

    var admit = Cases.decision("admit", "ts2.artois")
        .putValue("coordinatorChoiceReason", "Le référent proposé part en congé.");
    cases.holdCommittee(pathway, admit);
    JsonNode after = ctas.get(PLUGIN + pathway.getId()).json();
    assertThat(after.path("decisions")).hasSize(2);
    assertThat(after.path("decisions").get(0).path("decision").asText()).isEqualTo("adjourn");
    assertThat(after.path("decisions").get(1).path("decision").asText()).isEqualTo("admit");
    assertThat(after.path("decisions").get(1).path("coordinator").path("id").asText()).isEqualTo("ts2.artois");
    assertThat(after.path("decisions").get(1).path("coordinatorChoiceReason").asText())
        .isEqualTo("Le référent proposé part en congé.");
    assertThat(after.path("decisions").get(0).path("decisionNotes").asText()).isEqualTo("Décision collégiale.");
    assertThat(after.path("decisions").get(0).path("date").asText())
        .isNotEqualTo(after.path("decisions").get(1).path("date").asText());
    assertThat(after.path("coordinator").path("id").asText()).isEqualTo("ts2.artois");
    assertThat(texts(after.path("currentSteps"))).containsExactly("Contractualiser l'engagement");
    assertThat(after.path("agreementAvailable").asBoolean()).isFalse();
    assertThat(after.path("committeeDecisionAvailable").asBoolean()).isTrue();
  }

  @Test
  void aNoteOfTheCoordinatorIsReadByTheCtasAndTheInterveners() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts.artois");
    String caseFile = PLUGIN + pathway.getId();

    TasklistSession coordinator = TasklistSession.login(port, "ts.artois");
    TasklistSession.Response added = coordinator.post(caseFile + "/journal",
        Map.of("message", "Rendez-vous CAF fixé au 12 : merci de préparer le dossier APL."));
    assertThat(added.status()).as(added.toString()).isEqualTo(200);
    assertThat(added.json().path("authorId").asText()).isEqualTo("ts.artois");

    TasklistSession partner = TasklistSession.login(port, "caf.artois");
    JsonNode seenByPartner = partner.get(caseFile).json().path("journal");
    assertThat(seenByPartner).hasSize(1);
    assertThat(seenByPartner.get(0).path("message").asText()).isEqualTo("Rendez-vous CAF fixé au 12 : merci de préparer le dossier APL.");
    assertThat(seenByPartner.get(0).path("authorId").asText()).isEqualTo("ts.artois");
    assertThat(seenByPartner.get(0).path("authorName").asText()).isEqualTo(fullName("ts.artois"));
    assertThat(seenByPartner.get(0).path("time").asText()).isNotBlank();

    // the partner answers: an intervener with read access may write too; newest first
    ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 60_000));
    assertThat(partner.post(caseFile + "/journal", Map.of("message", "Dossier APL prêt.")).status()).isEqualTo(200);

    TasklistSession ctas = TasklistSession.login(port, "ctas.artois");
    JsonNode seenByCtas = ctas.get(caseFile).json().path("journal");
    assertThat(seenByCtas.findValuesAsText("message"))
        .containsExactly("Dossier APL prêt.", "Rendez-vous CAF fixé au 12 : merci de préparer le dossier APL.");
    assertThat(seenByCtas.findValuesAsText("authorId")).containsExactly("caf.artois", "ts.artois");

    // stored as Camunda comments on the pathway, with their authors
    assertThat(engine.getTaskService().getProcessInstanceComments(pathway.getId()))
        .extracting(c -> c.getUserId()).containsExactlyInAnyOrder("ts.artois", "caf.artois");

    // the same journal for REST clients, by the case reference
    String key = cases.businessKey(pathway);
    EngineRest.Response rest = EngineRest.as(port, "ft.artois").get("/api/cases/" + key + "/journal");
    assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
    assertThat(rest.json().findValuesAsText("authorId")).containsExactly("caf.artois", "ts.artois");
    ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 60_000));
    EngineRest.Response restAdded = EngineRest.as(port, "ft.artois").post("/api/cases/" + key + "/journal",
        Map.of("message", "Inscription à la formation confirmée."));
    assertThat(restAdded.status()).as(restAdded.toString()).isEqualTo(200);
    assertThat(coordinator.get(caseFile).json().path("journal").get(0).path("authorId").asText()).isEqualTo("ft.artois");
  }

  @Test
  void outsidersGetNotFound() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts.artois");
    String key = cases.businessKey(pathway);
    String committee = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .superProcessInstanceId(pathway.getId()).singleResult().getId();

    TasklistSession otherTerritory = TasklistSession.login(port, "ts.audomarois");
    assertThat(otherTerritory.get(PLUGIN + pathway.getId()).status()).isEqualTo(404);
    assertThat(otherTerritory.get(PLUGIN + committee).status()).isEqualTo(404);
    assertThat(otherTerritory.get(PLUGIN + key).status()).isEqualTo(404);
    TasklistSession.Response refused = otherTerritory.post(PLUGIN + pathway.getId() + "/journal", Map.of("message", "Intrusion"));
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.json().path("message").asText()).isEqualTo("Dossier inconnu ou non accessible.");
    assertThat(otherTerritory.get(PLUGIN + "no-such-case").status()).isEqualTo(404);

    // a pilot has no Tasklist but may be logged into Cockpit: the plugin's resource refuses them too
    TasklistSession pilot = TasklistSession.login(port, "pilote.pas-de-calais", "cockpit");
    assertThat(pilot.get(PLUGIN + pathway.getId()).status()).isEqualTo(404);
    assertThat(pilot.post(PLUGIN + pathway.getId() + "/journal", Map.of("message", "Lecture")).status()).isEqualTo(404);
    assertThat(EngineRest.as(port, "pilote.pas-de-calais").get("/api/cases/" + key + "/journal").status()).isEqualTo(404);
    assertThat(EngineRest.as(port, "ts.strasbourg").get("/api/cases/" + key + "/journal").status()).isEqualTo(404);
    assertThat(EngineRest.anonymous(port).get("/api/cases/" + key + "/journal").status()).isEqualTo(401);
    assertThat(EngineRest.anonymous(port).get(PLUGIN + pathway.getId()).status()).isIn(401, 403);

    assertThat(engine.getTaskService().getProcessInstanceComments(pathway.getId())).isEmpty();
  }

  @Test
  void blankOrTooLongNotesAreRefusedInFrenchAndNothingIsStored() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts.artois");
    String journal = PLUGIN + pathway.getId() + "/journal";
    TasklistSession coordinator = TasklistSession.login(port, "ts.artois");

    TasklistSession.Response blank = coordinator.post(journal, Map.of("message", "  \n\t "));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().path("message").asText()).isEqualTo("La note est vide : écrivez un texte avant de l'ajouter.");
    assertThat(coordinator.post(journal, Map.of()).status()).isEqualTo(400);
    TasklistSession.Response tooLong = coordinator.post(journal, Map.of("message", "é".repeat(4001)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().path("message").asText()).contains("4001 caractères").contains("4000 au plus");
    TasklistSession.Response unreadable = coordinator.post(journal, "{not json");
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.json().path("message").asText()).startsWith("La note n'a pas pu être lue");
    EngineRest.Response restBlank = EngineRest.as(port, "ts.artois").post("/api/cases/" + cases.businessKey(pathway) + "/journal",
        Map.of("message", ""));
    assertThat(restBlank.status()).isEqualTo(400);
    assertThat(restBlank.json().path("message").asText()).isEqualTo("La note est vide : écrivez un texte avant de l'ajouter.");

    assertThat(engine.getTaskService().getProcessInstanceComments(pathway.getId())).isEmpty();

    // exactly 4000 characters is accepted, stored whole
    assertThat(coordinator.post(journal, Map.of("message", "é".repeat(4000))).status()).isEqualTo(200);
    assertThat(engine.getTaskService().getProcessInstanceComments(pathway.getId()))
        .singleElement().satisfies(c -> assertThat(c.getFullMessage()).hasSize(4000));
  }

  @Test
  void theJournalOfAnEndedCaseIsReadOnly() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    cases.complete(pathway, "recordConsent", Cases.consent(false, null));
    TasklistSession worker = TasklistSession.login(port, "ts.artois");

    JsonNode file = worker.get(PLUGIN + pathway.getId()).json();
    assertThat(file.path("running").asBoolean()).isFalse();
    assertThat(file.path("currentSteps")).isEmpty();
    TasklistSession.Response refused = worker.post(PLUGIN + pathway.getId() + "/journal", Map.of("message", "Trop tard"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("message").asText()).startsWith("Ce parcours est terminé");
    assertThat(engine.getTaskService().getProcessInstanceComments(pathway.getId())).isEmpty();
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefused() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts.artois");
    TasklistSession coordinator = TasklistSession.login(port, "ts.artois");

    TasklistSession.Response forged = coordinator.post(PLUGIN + pathway.getId() + "/journal",
        Map.of("message", "Sans jeton"), false);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
    assertThat(engine.getTaskService().getProcessInstanceComments(pathway.getId())).isEmpty();
  }

  @Test
  void theDocumentsAreDownloadedFromTheTasklistSession() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts.artois");
    String key = cases.businessKey(pathway);
    TasklistSession coordinator = TasklistSession.login(port, "ts.artois");

    TasklistSession.Response agreement = coordinator.get(PLUGIN + key + "/documents/agreement.pdf", "application/pdf");
    assertThat(agreement.status()).as(agreement.toString()).isEqualTo(200);
    assertThat(agreement.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/pdf"));
    assertThat(agreement.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"" + key + "-contrat.pdf\"");
    assertThat(agreement.body()).startsWith("%PDF-");

    TasklistSession.Response decision = coordinator.get(PLUGIN + key + "/documents/committee-decision.pdf",
        "application/pdf");
    assertThat(decision.status()).as(decision.toString()).isEqualTo(200);
    assertThat(decision.body()).startsWith("%PDF-");

    TasklistSession.Response personCopy = coordinator.get(PLUGIN + key + "/documents/mon-parcours.pdf",
        "application/pdf");
    assertThat(personCopy.status()).as(personCopy.toString()).isEqualTo(200);
    assertThat(personCopy.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"" + key + "-mon-parcours.pdf\"");
    assertThat(personCopy.body()).startsWith("%PDF-");

    TasklistSession outsider = TasklistSession.login(port, "ts.strasbourg");
    assertThat(outsider.get(PLUGIN + key + "/documents/agreement.pdf").status()).isEqualTo(404);
    assertThat(outsider.get(PLUGIN + key + "/documents/mon-parcours.pdf").status()).isEqualTo(404);
  }

  @Test
  void theAgreementIsNotAvailableBeforeItIsSigned() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts.artois");
    String key = cases.businessKey(pathway);

    TasklistSession.Response refused = TasklistSession.login(port, "ts.artois")
        .get(PLUGIN + key + "/documents/agreement.pdf");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().path("message").asText()).contains("pas encore signé");
    TasklistSession.Response notYet = TasklistSession.login(port, "ts.artois")
        .get(PLUGIN + key + "/documents/mon-parcours.pdf");
    assertThat(notYet.status()).as(notYet.toString()).isEqualTo(409);
    assertThat(notYet.json().path("message").asText()).contains("n'existe pas encore");
  }

  @Test
  void tasklistLoadsThePluginScript() {
    EngineRest anonymous = EngineRest.anonymous(port);
    EngineRest.Response script = anonymous.get("/camunda/api/tasklist/plugin/parcours/static/app/plugin.js");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.body()).contains("pluginPoint: 'tasklist.task.detail'").contains("label: 'Parcours'")
        .contains("Ajouter la note");
    assertThat(anonymous.get("/camunda/api/tasklist/plugin/parcours/static/app/plugin.css").status()).isEqualTo(200);
    assertThat(anonymous.get("/camunda/app/tasklist/default/").body()).contains("tasklist-plugin-parcours");
  }

  private String fullName(String userId) {
    var user = engine.getIdentityService().createUserQuery().userId(userId).singleResult();
    return user.getFirstName() + " " + user.getLastName();
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new java.util.ArrayList<>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }
}
