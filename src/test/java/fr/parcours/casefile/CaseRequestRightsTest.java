package fr.parcours.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * The README's table « Who may do what », row by row over HTTP: every role and relation to a case
 * (Artois, référent from Audomarois, one intervener with an account) × every request type → 201,
 * 403 (reads the case, not entitled), 404 (may not read it) or 409 (entitled, the model does not
 * await it: the case is closed, or not yet in follow-up — where the model already awaits an exit). Each 201 gets a case of its own (a request
 * changes the case); after every refusal the case is read back: no journal entry, same steps.
 */
@ParcoursTest
class CaseRequestRightsTest {

  static final List<String> TYPES = List.of("synthesis", "dispute", "coordinatorChange", "withdrawal");

  /** user → relation to the case, and the expected answer per type (in the order of {@link #TYPES}). */
  static final Map<String, Row> IN_FOLLOW_UP = new LinkedHashMap<>();

  record Row(String relation, int synthesis, int dispute, int coordinatorChange, int withdrawal) {
    int expected(String type) {
      return switch (type) {
        case "synthesis" -> synthesis;
        case "dispute" -> dispute;
        case "coordinatorChange" -> coordinatorChange;
        default -> withdrawal;
      };
    }
  }

  static {
    IN_FOLLOW_UP.put("ts.audomarois", new Row("référent (autre territoire du département)", 201, 403, 201, 201));
    IN_FOLLOW_UP.put("caf.artois", new Row("intervenant, consentement au partage donné", 201, 201, 201, 403));
    IN_FOLLOW_UP.put("ts.artois", new Row("travailleur social du territoire, pour la personne", 201, 201, 201, 201));
    IN_FOLLOW_UP.put("ctas.artois", new Row("CTAS du territoire", 403, 403, 403, 403));
    IN_FOLLOW_UP.put("ft.artois", new Row("partenaire du territoire, non intervenant", 404, 404, 404, 404));
    IN_FOLLOW_UP.put("ts2.audomarois", new Row("travailleur social d'un autre territoire", 404, 404, 404, 404));
    IN_FOLLOW_UP.put("ts.strasbourg", new Row("travailleur social d'un autre département", 404, 404, 404, 404));
    IN_FOLLOW_UP.put("pilote.pas-de-calais", new Row("pilote", 404, 404, 404, 404));
    IN_FOLLOW_UP.put("dpo.pas-de-calais", new Row("délégué à la protection des données", 404, 404, 404, 404));
  }

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
  void everyRowOfTheTableOnACaseInFollowUp() {
    SoftAssertions softly = new SoftAssertions();
    ProcessInstance shared = inFollowUp();
    for (Map.Entry<String, Row> row : IN_FOLLOW_UP.entrySet()) {
      for (String type : TYPES) {
        int expected = row.getValue().expected(type);
        ProcessInstance pathway = expected == 201 ? inFollowUp() : shared;
        List<String> before = engine.getRuntimeService().getActiveActivityIds(pathway.getId());
        EngineRest.Response answer = request(row.getKey(), pathway, type);
        softly.assertThat(answer.status()).as("%s (%s) × %s: %s", row.getKey(), row.getValue().relation(), type, answer)
            .isEqualTo(expected);
        if (expected != 201) {
          softly.assertThat(engine.getRuntimeService().getActiveActivityIds(pathway.getId())).as("%s × %s", row.getKey(), type)
              .containsExactlyInAnyOrderElementsOf(before);
        }
        // offered to exactly those entitled (the readers' view of the buttons)
        EngineRest.Response offer = EngineRest.as(port, row.getKey()).get("/api/cases/" + cases.businessKey(shared) + "/requests");
        if (expected == 404) {
          softly.assertThat(offer.status()).as("offer to %s", row.getKey()).isEqualTo(404);
        } else {
          softly.assertThat(allowed(offer, type)).as("offer of %s to %s", type, row.getKey()).isEqualTo(expected == 201);
        }
      }
    }
    softly.assertThat(engine.getTaskService().getProcessInstanceComments(shared.getId())).as("journal of the shared case").isEmpty();
    softly.assertAll();
  }

  @Test
  void theEntitledGet409WhenTheModelDoesNotAwaitTheRequest() {
    SoftAssertions softly = new SoftAssertions();
    // not yet in follow-up: the admission committee is being scheduled (consent given, no référent yet)
    ProcessInstance early = cases.startAtAdmissionCommittee(referral(), null);
    for (String user : List.of("caf.artois", "ts.artois")) {
      for (String type : TYPES.subList(0, 3)) {
        int expected = IN_FOLLOW_UP.get(user).expected(type) == 201 ? 409 : 403;
        softly.assertThat(request(user, early, type).status()).as("%s × %s before the follow-up", user, type).isEqualTo(expected);
      }
    }
    // the exit is awaited from the referral on (the model's interrupting event covers the whole case)
    softly.assertThat(request("caf.artois", early, "withdrawal").status()).as("caf.artois × withdrawal before the follow-up")
        .isEqualTo(403);
    softly.assertThat(request("ts.artois", early, "withdrawal").status()).as("ts.artois × withdrawal before the follow-up")
        .isEqualTo(201);
    // closed: the exit was recorded
    ProcessInstance closed = inFollowUp();
    assertThat(request("ts.audomarois", closed, "withdrawal").status()).isEqualTo(201);
    cases.complete(cases.task(closed, "recordExit"), Cases.exit());
    for (String user : List.of("ts.audomarois", "caf.artois", "ts.artois")) {
      for (String type : TYPES) {
        int expected = IN_FOLLOW_UP.get(user).expected(type) == 201 ? 409 : 403;
        softly.assertThat(request(user, closed, type).status()).as("%s × %s on a closed case", user, type).isEqualTo(expected);
      }
    }
    // an intervener before the person's consent to share does not read the case
    ProcessInstance beforeConsent = cases.start(referral());
    for (String type : TYPES) {
      softly.assertThat(request("caf.artois", beforeConsent, type).status()).as("caf.artois × %s before consent", type)
          .isEqualTo(404);
    }
    softly.assertThat(engine.getTaskService().getProcessInstanceComments(early.getId())).hasSize(1);
    softly.assertThat(engine.getTaskService().getProcessInstanceComments(beforeConsent.getId())).isEmpty();
    softly.assertThat(engine.getTaskService().getProcessInstanceComments(closed.getId())).hasSize(1);
    softly.assertAll();
  }

  /** Artois; the référent works in Audomarois; caf.artois intervenes with an account, the other intervener has none. */
  private VariableMap referral() {
    return Cases.referral("artois").putValueTyped("interveners", Cases.json("""
        [{"name":"Conseillère CAF","organisation":"CAF","role":"Accès aux droits","userId":"caf.artois"},
         {"name":"Éducatrice","organisation":"Association Le Relais","role":"Accompagnement éducatif"}]
        """));
  }

  private ProcessInstance inFollowUp() {
    return cases.startInFollowUp(referral(), "ts.audomarois");
  }

  private EngineRest.Response request(String user, ProcessInstance pathway, String type) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("reason", "Motif de la demande");
    if ("withdrawal".equals(type)) {
      body.put("exitReason", "withdrawal");
    }
    return EngineRest.as(port, user).post("/api/cases/" + cases.businessKey(pathway) + "/requests", body);
  }

  private static boolean allowed(EngineRest.Response offer, String type) {
    List<Boolean> allowed = new ArrayList<>();
    offer.json().path("requests").forEach(request -> {
      if (type.equals(request.path("type").asText())) {
        allowed.add(request.path("allowed").asBoolean());
      }
    });
    return allowed.size() == 1 && allowed.get(0);
  }
}
