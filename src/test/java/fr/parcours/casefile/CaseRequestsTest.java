package fr.parcours.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
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
 * The follow-up requests over HTTP: a request reaches the model (the task it opens), the case
 * journal and the audit trail under the user who asked; bad input is refused in French and changes
 * nothing; a case that does not await the request answers 409 with the reason; a case the caller
 * may not read answers 404 as an unknown one; the buttons' offer; the Tasklist session's door.
 */
@ParcoursTest
class CaseRequestsTest {

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
  void aPartnerWhoIntervenesRequestsASynthesisMeeting() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    String key = cases.businessKey(pathway);

    EngineRest.Response created = post("caf.artois", key, Map.of("type", "synthesis", "reason", "Point sur le logement"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("type").asText()).isEqualTo("synthesis");
    assertThat(created.json().path("id").asText()).isNotBlank();
    Task meeting = cases.task(pathway, "holdSynthesisMeeting");
    assertThat(meeting.getAssignee()).isEqualTo("ts2.artois");
    assertThat(engine.getTaskService().getVariable(meeting.getId(), "requestedBy")).isEqualTo("intervener");
    assertThat(engine.getTaskService().getVariable(meeting.getId(), "synthesisReason")).isEqualTo("Point sur le logement");
    List<Comment> journal = engine.getTaskService().getProcessInstanceComments(pathway.getId());
    assertThat(journal).hasSize(1);
    assertThat(journal.get(0).getUserId()).isEqualTo("caf.artois");
    assertThat(journal.get(0).getId()).isEqualTo(created.json().path("id").asText());
    assertThat(journal.get(0).getFullMessage()).startsWith("Réunion de synthèse demandée par ")
        .endsWith("(intervenant) — motif : Point sur le logement");
    List<UserOperationLogEntry> log = engine.getHistoryService().createUserOperationLogQuery()
        .processInstanceId(pathway.getId()).operationType(UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE).list();
    assertThat(log).isNotEmpty().allSatisfy(entry -> assertThat(entry.getUserId()).isEqualTo("caf.artois"));
    // the audit trail shows it under the partner
    JsonNode audit = EngineRest.as(port, "ts2.artois").get("/api/cases/" + key + "/audit").json();
    boolean found = false;
    for (JsonNode entry : audit.path("entries")) {
      found |= UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE.equals(entry.path("operationType").asText())
          && "caf.artois".equals(entry.path("userId").asText());
    }
    assertThat(found).as(audit.toString()).isTrue();
  }

  @Test
  void aSocialWorkerDeclaresAnExitOnBehalfOfThePerson() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    EngineRest.Response created = post("ts.artois", cases.businessKey(pathway),
        Map.of("type", "withdrawal", "reason", "La famille part en Bretagne", "exitReason", "move"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(cases.task(pathway, "recordExit")).isNotNull();
    assertThat(cases.tasks(pathway, "coordinatePathway")).isEmpty();
    assertThat(cases.variable(pathway, "exitReason")).isEqualTo("move");
    assertThat(engine.getTaskService().getProcessInstanceComments(pathway.getId()).get(0).getFullMessage())
        .contains("Sortie du dispositif déclarée par").contains("(pour la personne)")
        .contains("motif de sortie : Déménagement").endsWith("motif : La famille part en Bretagne");
  }

  @Test
  void badInputIsRefusedInFrenchAndChangesNothing() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    String key = cases.businessKey(pathway);

    EngineRest.Response blank = post("ts.artois", key, Map.of("type", "synthesis", "reason", " ", "requestedBy", "coordinator"));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().path("message").asText()).startsWith("Demande refusée");
    assertThat(texts(blank.json().path("problems"))).containsExactly(
        "reason (motif) est obligatoire",
        "requestedBy : vous pouvez demander au nom de person (la personne), pas « coordinator »");

    EngineRest.Response tooLong = post("ts.artois", key, Map.of("type", "dispute", "reason", "x".repeat(2001)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(texts(tooLong.json().path("problems"))).containsExactly("reason (motif) compte 2001 caractères : 2000 au plus");

    EngineRest.Response noExitReason = post("ts.artois", key, Map.of("type", "withdrawal", "reason", "Départ"));
    assertThat(noExitReason.status()).isEqualTo(400);
    assertThat(noExitReason.json().path("problems").get(0).asText()).startsWith("exitReason (motif de sortie) est obligatoire");

    EngineRest.Response unknownType = post("ts.artois", key, Map.of("type", "complaint", "reason", "x"));
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(unknownType.json().path("message").asText()).contains("type doit être l'une des valeurs");

    EngineRest.Response notJson = EngineRest.as(port, "ts.artois").post("/api/cases/" + key + "/requests", "{type:");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().path("message").asText()).startsWith("La demande n'a pas pu être lue");

    // nothing changed: same steps, no journal entry, no message
    assertThat(engine.getRuntimeService().getActiveActivityIds(pathway.getId())).containsExactly("coordinatePathway");
    assertThat(engine.getTaskService().getProcessInstanceComments(pathway.getId())).isEmpty();
    assertThat(engine.getHistoryService().createUserOperationLogQuery().processInstanceId(pathway.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE).count()).isZero();
  }

  @Test
  void aCaseThatDoesNotAwaitTheRequestAnswers409() {
    ProcessInstance atCommittee = cases.startAtAdmissionCommittee(Cases.referral("artois"), null);
    EngineRest.Response early = post("ts.artois", cases.businessKey(atCommittee), Map.of("type", "synthesis", "reason", "Tôt"));
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.json().path("message").asText()).contains("n'attend pas cette demande").contains("Planifier l'instance technique");
    assertThat(engine.getTaskService().getProcessInstanceComments(atCommittee.getId())).isEmpty();

    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    String key = cases.businessKey(pathway);
    assertThat(post("caf.artois", key, Map.of("type", "coordinatorChange", "reason", "Plus de contact")).status()).isEqualTo(201);
    EngineRest.Response pending = post("ts.artois", key, Map.of("type", "coordinatorChange", "reason", "Idem"));
    assertThat(pending.status()).isEqualTo(409);
    assertThat(pending.json().path("message").asText()).contains("changement de référent est déjà en cours");
    assertThat(cases.tasks(pathway, "reassignCoordinator")).hasSize(1);

    assertThat(post("ts2.artois", key, Map.of("type", "withdrawal", "reason", "Décès", "exitReason", "death")).status()).isEqualTo(201);
    cases.complete(cases.task(pathway, "recordExit"), Cases.exit());
    EngineRest.Response closed = post("ts2.artois", key, Map.of("type", "synthesis", "reason", "Trop tard"));
    assertThat(closed.status()).isEqualTo(409);
    assertThat(closed.json().path("message").asText()).contains("est clos");
  }

  @Test
  void aCaseTheCallerMayNotReadIsUnknown() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    String key = cases.businessKey(pathway);
    Map<String, Object> request = Map.of("type", "synthesis", "reason", "Point");
    EngineRest.Response otherTerritory = post("ts.audomarois", key, request);
    EngineRest.Response unknown = post("ts.audomarois", "RP-1999-999999", request);
    assertThat(otherTerritory.status()).isEqualTo(404);
    assertThat(otherTerritory.body()).isEqualTo(unknown.body());
    assertThat(post("pilote.pas-de-calais", key, request).status()).isEqualTo(404);
    assertThat(EngineRest.as(port, "ts.audomarois").get("/api/cases/" + key + "/requests").status()).isEqualTo(404);
    assertThat(engine.getTaskService().getProcessInstanceComments(pathway.getId())).isEmpty();
    assertThat(cases.tasks(pathway, "holdSynthesisMeeting")).isEmpty();
  }

  @Test
  void theOfferTellsWhatTheCallerMaySendNowAndWhyNot() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    JsonNode offer = EngineRest.as(port, "caf.artois").get("/api/cases/" + cases.businessKey(pathway) + "/requests").json();
    Map<String, JsonNode> byType = new HashMap<>();
    offer.path("requests").forEach(request -> byType.put(request.path("type").asText(), request));
    assertThat(byType.keySet()).containsExactlyInAnyOrder("synthesis", "dispute", "coordinatorChange", "withdrawal");
    assertThat(byType.get("synthesis").path("allowed").asBoolean()).isTrue();
    assertThat(byType.get("synthesis").path("label").asText()).isEqualTo("Demander une réunion de synthèse");
    assertThat(texts(byType.get("synthesis").path("requestedBy"))).containsExactly("intervener");
    assertThat(byType.get("dispute").path("allowed").asBoolean()).isTrue();
    assertThat(byType.get("withdrawal").path("allowed").asBoolean()).isFalse();
    assertThat(byType.get("withdrawal").path("reason").asText())
        .isEqualTo("« Déclarer une sortie du dispositif » est réservé au référent de parcours ou à un travailleur social du territoire (au nom de la personne).");
    assertThat(offer.path("exitReasons").path("move").asText()).isEqualTo("Déménagement");

    // before the follow-up, the model awaits only an exit
    ProcessInstance early = cases.start(Cases.referral("artois"));
    JsonNode notYet = EngineRest.as(port, "ts.artois").get("/api/cases/" + cases.businessKey(early) + "/requests").json();
    notYet.path("requests").forEach(request -> {
      boolean exit = "withdrawal".equals(request.path("type").asText());
      assertThat(request.path("allowed").asBoolean()).as(request.toString()).isEqualTo(exit);
      if (!exit) {
        assertThat(request.path("reason").asText()).contains("n'attend pas cette demande").contains("Recueillir l'adhésion");
      }
    });
  }

  @Test
  void theTasklistSessionMakesTheSameRequestWithItsCsrfToken() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    TasklistSession partner = TasklistSession.login(port, "caf.artois");
    String path = CaseFilePluginTest.PLUGIN + pathway.getId() + "/requests";
    assertThat(partner.get(path).json().path("requests")).hasSize(4);
    TasklistSession.Response created = partner.post(path, Map.of("type", "dispute", "reason", "Désaccord sur le plan"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(cases.task(pathway, "settleDispute")).isNotNull();
    TasklistSession.Response refused = partner.post(path, Map.of("type", "dispute", "reason", ""));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("problems").get(0).asText()).isEqualTo("reason (motif) est obligatoire");

    TasklistSession other = TasklistSession.login(port, "ft.artois");
    assertThat(other.post(path, Map.of("type", "dispute", "reason", "x"), false).status()).isEqualTo(403);
    assertThat(cases.tasks(pathway, "settleDispute")).hasSize(1);
  }

  private EngineRest.Response post(String user, String key, Map<String, Object> request) {
    return EngineRest.as(port, user).post("/api/cases/" + key + "/requests", request);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new java.util.ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
