package fr.parcours.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.EngineRest.Response;
import fr.parcours.support.ParcoursTest;

/**
 * Who sees what, over HTTP, as the demo users: for each role × relation to a case × operation,
 * allowed or refused. The README's table "Who sees what" is this matrix.
 * <p>Cases, all in follow-up (sharing consent given, référent designated):
 * <ul>
 * <li>{@code B} Artois: interveners France Travail Artois and an educator without account; référent {@code ft.artois};</li>
 * <li>{@code C} Audomarois: interveners CAF Audomarois and an educator without account; référent {@code ts2.audomarois};</li>
 * <li>{@code D} Audomarois: interveners {@code caf.artois}, {@code ft.audomarois}, {@code ts.artois}, {@code ctas.artois},
 * {@code pilote.pas-de-calais}, {@code ts.strasbourg}; référent {@code ts2.artois};</li>
 * <li>{@code E} Strasbourg, {@code F} Saverne (Bas-Rhin).</li>
 * </ul>
 * Relations: the user's own territory (a case they are not involved in), another territory of their
 * département, another département, and a case they are involved in (listed as an intervener, or the
 * référent) — taken in another territory, so that only their personal grant can open it.
 */
@ParcoursTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeedToKnowMatrixTest {

  enum Relation { OWN_TERRITORY, OTHER_TERRITORY, OTHER_DEPARTEMENT, INVOLVED }

  /**
   * What is tried. {@code SEND_MESSAGE}: a message straight to the engine ({@code POST /engine-rest/message}),
   * refused to everyone: the follow-up requests go through {@code /api/cases/{key}/requests}
   * (CaseRequestRightsTest walks who may make which).
   */
  enum Operation { LIST_TASKS, READ_VARIABLES, COMPLETE_TASK, SEND_MESSAGE, READ_HISTORY, CASE_REQUEST }

  /**
   * The write side: what the engine's generic API would let a worker change outside the steps of the
   * démarche. Refused to every role in every relation (403, or 404 where the thing is not theirs to
   * see), and the case read back unchanged. Profile and filter writes concern no case: tried once per
   * role.
   */
  enum Write {
    SET_VARIABLE, MODIFY, SUSPEND, DELETE, EXECUTE_JOB, JOB_RETRIES, JOB_DUEDATE, ASSIGN_OUTSIDE_TEAM, OWNER,
    DELEGATE_OUTSIDE_TEAM, CANDIDATE_OUTSIDE_TEAM, BPMN_ERROR, ATTACHMENT, COMMENT, PROFILE, FILTER;

    boolean aboutACase() {
      return this != PROFILE && this != FILTER;
    }
  }

  /** Given a task outside its team: someone no case ever names. */
  static final String OUTSIDER = "pilote.bas-rhin";

  /** A role, the demo user who plays it, and the case that is in each relation to that user. */
  enum Role {
    SOCIAL_WORKER("ts.artois", "B", "C", "E", "D"),
    CTAS("ctas.artois", "B", "C", "E", "D"),
    PARTNER_CAF("caf.artois", "B", "C", "E", "D"),
    PARTNER_FRANCE_TRAVAIL("ft.audomarois", "C", "B", "E", "D"),
    PILOT("pilote.pas-de-calais", "B", "C", "E", "D"),
    SOCIAL_WORKER_OTHER_DEPARTEMENT("ts.strasbourg", "E", "F", "B", "D"),
    REFERENT("ts2.artois", "B", "C", "E", "D");

    final String user;
    final Map<Relation, String> cases;

    Role(String user, String own, String otherTerritory, String otherDepartement, String involved) {
      this.user = user;
      this.cases = Map.of(Relation.OWN_TERRITORY, own, Relation.OTHER_TERRITORY, otherTerritory,
          Relation.OTHER_DEPARTEMENT, otherDepartement, Relation.INVOLVED, involved);
    }
  }

  /** The référent: reads the case, works its tasks, makes follow-up requests. */
  static final Set<Operation> REFERENT_OF_THE_CASE = Set.of(Operation.LIST_TASKS, Operation.READ_VARIABLES,
      Operation.COMPLETE_TASK, Operation.READ_HISTORY, Operation.CASE_REQUEST);
  static final Set<Operation> NOTHING = Set.of();
  /** CTAS: read the case and its tasks; complete only the tasks offered to them; no follow-up request. */
  static final Set<Operation> TERRITORY = Set.of(Operation.LIST_TASKS, Operation.READ_VARIABLES, Operation.READ_HISTORY);
  /** Social workers of the territory: as the CTAS, and the follow-up requests on behalf of the person. */
  static final Set<Operation> TERRITORY_SOCIAL_WORKER = Set.of(Operation.LIST_TASKS, Operation.READ_VARIABLES,
      Operation.READ_HISTORY, Operation.CASE_REQUEST);
  /** Interveners (after the sharing consent): read, and make follow-up requests as interveners. */
  static final Set<Operation> INTERVENER = Set.of(Operation.LIST_TASKS, Operation.READ_VARIABLES, Operation.READ_HISTORY,
      Operation.CASE_REQUEST);

  /** The expected matrix: what each role may do on the case in each relation. */
  static Set<Operation> expected(Role role, Relation relation) {
    return switch (role) {
      case SOCIAL_WORKER, CTAS, SOCIAL_WORKER_OTHER_DEPARTEMENT -> switch (relation) {
        case OWN_TERRITORY -> role == Role.CTAS ? TERRITORY : TERRITORY_SOCIAL_WORKER;
        // an intervener of another territory's case reads it; of another département's, nothing (tenant)
        case INVOLVED -> role == Role.SOCIAL_WORKER_OTHER_DEPARTEMENT ? NOTHING : INTERVENER;
        default -> NOTHING;
      };
      case PARTNER_CAF, PARTNER_FRANCE_TRAVAIL -> relation == Relation.INVOLVED ? INTERVENER : NOTHING;
      case PILOT -> NOTHING;
      case REFERENT -> switch (relation) {
        case OWN_TERRITORY -> TERRITORY_SOCIAL_WORKER;
        case INVOLVED -> REFERENT_OF_THE_CASE;
        default -> NOTHING;
      };
    };
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cells = new ArrayList<>();
    for (Role role : Role.values()) {
      for (Relation relation : Relation.values()) {
        for (Operation operation : Operation.values()) {
          cells.add(Arguments.of(role, relation, operation, expected(role, relation).contains(operation)));
        }
      }
    }
    return cells.stream();
  }

  static Stream<Arguments> writes() {
    List<Arguments> cells = new ArrayList<>();
    for (Role role : Role.values()) {
      for (Relation relation : Relation.values()) {
        for (Write write : Write.values()) {
          if (write.aboutACase() || relation == Relation.OWN_TERRITORY) {
            cells.add(Arguments.of(role, relation, write));
          }
        }
      }
    }
    return cells.stream();
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Cases cases;
  final Map<String, ProcessInstance> byName = new java.util.HashMap<>();

  /** The cases, built once for the whole matrix (in the first test: the process coverage needs a running test). */
  @BeforeEach
  void casesInFollowUp() {
    if (!byName.isEmpty()) {
      return;
    }
    cases = new Cases(engine);
    try {
      byName.put("B", cases.startInFollowUp(referral("artois", """
          [{"name":"Conseiller France Travail","organisation":"France Travail","userId":"ft.artois"},
           {"name":"Éducateur","organisation":"ASE"}]"""), "ft.artois"));
      byName.put("C", cases.startInFollowUp(referral("audomarois", """
          [{"name":"Conseillère CAF","organisation":"CAF","userId":"caf.audomarois"},
           {"name":"Éducateur","organisation":"ASE"}]"""), "ts2.audomarois"));
      byName.put("D", cases.startInFollowUp(referral("audomarois", """
          [{"name":"Conseillère CAF","organisation":"CAF","userId":"caf.artois"},
           {"name":"Conseiller France Travail","organisation":"France Travail","userId":"ft.audomarois"},
           {"name":"Travailleur social","organisation":"Département","userId":"ts.artois"},
           {"name":"CTAS","organisation":"Département","userId":"ctas.artois"},
           {"name":"Pilote","organisation":"Département","userId":"pilote.pas-de-calais"},
           {"name":"Travailleur social","organisation":"Bas-Rhin","userId":"ts.strasbourg"}]"""), "ts2.artois"));
      byName.put("E", cases.startInFollowUp(Cases.referral("strasbourg"), "ts2.strasbourg"));
      byName.put("F", cases.startInFollowUp(Cases.referral("saverne"), "ts2.saverne"));
    } finally {
      ClockUtil.reset();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static VariableMap referral(String territory, String interveners) {
    return Cases.referral(territory).putValueTyped("interveners", Cases.json(interveners));
  }

  @ParameterizedTest(name = "{0} on {1}: {2} → {3}")
  @MethodSource("matrix")
  void whoSeesWhat(Role role, Relation relation, Operation operation, boolean allowed) {
    ProcessInstance pathway = byName.get(role.cases.get(relation));
    String key = cases.businessKey(pathway);
    EngineRest user = EngineRest.as(port, role.user);
    switch (operation) {
      case LIST_TASKS -> {
        Response tasks = user.get("/engine-rest/task?processInstanceBusinessKey=" + encode(key));
        assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
        assertThat(tasks.json().size() > 0).as("%s sees tasks of %s: %s", role.user, key, tasks.body()).isEqualTo(allowed);
      }
      case READ_VARIABLES -> {
        Response variables = user.get("/engine-rest/process-instance/" + pathway.getId() + "/variables");
        if (allowed) {
          assertThat(variables.status()).as(variables.body()).isEqualTo(200);
          assertThat(variables.json().path("personRef").path("value").asText()).isNotBlank();
        } else {
          assertThat(variables.status()).as(variables.body()).isIn(403, 404);
          assertThat(variables.body()).doesNotContain("personRef");
        }
      }
      case COMPLETE_TASK -> {
        Task meeting = newSynthesisMeeting(pathway);
        Response completed = user.complete(meeting.getId(), Cases.synthesisMeeting("Point avec les partenaires"));
        if (allowed) {
          assertThat(completed.status()).as(completed.body()).isEqualTo(204);
          assertThat(open(meeting)).isFalse();
        } else {
          assertThat(completed.status()).as(completed.body()).isIn(403, 404);
          assertThat(open(meeting)).isTrue();
          engine.getTaskService().complete(meeting.getId(), Cases.synthesisMeeting("Tenue"));
        }
      }
      case SEND_MESSAGE -> {
        Set<String> before = meetings(pathway);
        Response sent = user.correlate("synthesisRequested", key, Cases.synthesisRequest("person", "Demande de la personne"));
        assertThat(allowed).as("nobody but an operator correlates a message").isFalse();
        assertThat(sent.status()).as(sent.body()).isEqualTo(403);
        assertThat(sent.body()).doesNotContain(pathway.getId());
        assertThat(meetings(pathway)).isEqualTo(before);
      }
      case CASE_REQUEST -> {
        Set<String> before = meetings(pathway);
        Response request = user.caseRequest(key, "synthesis", Map.of("reason", "Point demandé par " + role.user));
        Set<String> after = meetings(pathway);
        if (allowed) {
          assertThat(request.status()).as(request.body()).isEqualTo(201);
          assertThat(after).hasSize(before.size() + 1);
          after.removeAll(before);
          after.forEach(id -> engine.getTaskService().complete(id, Cases.synthesisMeeting("Tenue")));
        } else {
          assertThat(request.status()).as(request.body()).isIn(403, 404);
          assertThat(after).isEqualTo(before);
        }
      }
      case READ_HISTORY -> {
        Response history = user.get("/engine-rest/history/process-instance?processDefinitionKey=pathway"
            + "&processInstanceBusinessKey=" + encode(key));
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.json().size() > 0).as("%s reads the history of %s: %s", role.user, key, history.body())
            .isEqualTo(allowed);
      }
    }
  }

  @ParameterizedTest(name = "{0} on {1}: {2} → refused")
  @MethodSource("writes")
  void nobodyChangesACaseOutsideTheSteps(Role role, Relation relation, Write write) {
    ProcessInstance pathway = byName.get(role.cases.get(relation));
    EngineRest user = EngineRest.as(port, role.user);
    Task task = cases.task(pathway, "coordinatePathway");
    Job planEnd = engine.getManagementService().createJobQuery().processInstanceId(pathway.getId())
        .activityId("planEndReached").singleResult();
    String instance = "/engine-rest/process-instance/" + pathway.getId();
    String onTask = "/engine-rest/task/" + task.getId();
    String onJob = "/engine-rest/job/" + planEnd.getId();
    EngineGuardTest.Snapshot before = EngineGuardTest.snapshot(engine, cases, pathway);
    User profile = engine.getIdentityService().createUserQuery().userId(role.user).singleResult();
    long filters = engine.getFilterService().createFilterQuery().count();

    Response refused = switch (write) {
      case SET_VARIABLE -> user.put(instance + "/variables/territory", Map.of("value", "saverne", "type", "String"));
      case MODIFY -> user.post(instance + "/modification", Map.of("skipCustomListeners", true,
          "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "recordExit"))));
      case SUSPEND -> user.put(instance + "/suspended", Map.of("suspended", true));
      case DELETE -> user.delete(instance);
      case EXECUTE_JOB -> user.post(onJob + "/execute", Map.of());
      case JOB_RETRIES -> user.put(onJob + "/retries", Map.of("retries", 0));
      case JOB_DUEDATE -> user.put(onJob + "/duedate", Map.of("duedate", "2030-01-01T00:00:00.000+0100"));
      case ASSIGN_OUTSIDE_TEAM -> user.post(onTask + "/assignee", Map.of("userId", OUTSIDER));
      case OWNER -> {
        Map<String, Object> dto = EngineGuardTest.taskDto(task);
        dto.put("owner", OUTSIDER);
        yield user.put(onTask, dto);
      }
      case DELEGATE_OUTSIDE_TEAM -> user.post(onTask + "/delegate", Map.of("userId", OUTSIDER));
      case CANDIDATE_OUTSIDE_TEAM -> user.post(onTask + "/identity-links", Map.of("userId", OUTSIDER, "type", "candidate"));
      case BPMN_ERROR -> user.post(onTask + "/bpmnError", Map.of("errorCode", "x"));
      case ATTACHMENT -> user.multipart(onTask + "/attachment/create", Map.of("attachment-name", "note.txt",
          "attachment-type", "text/plain", "content", "pièce hors démarche"));
      case COMMENT -> user.post(onTask + "/comment/create", Map.of("message", "hors du journal"));
      case PROFILE -> user.put("/engine-rest/user/" + role.user + "/profile",
          Map.of("id", role.user, "firstName", "<b>Autre</b>", "lastName", "Nom", "email", "ailleurs@example.org"));
      case FILTER -> user.post("/engine-rest/filter/create", Map.of("resourceType", "Task", "name", "Tout", "query", Map.of()));
    };

    // the REST API answers some refusals 400 before the engine's own: a comment ("Not enough parameters
    // submitted"), an attachment to a task the caller does not see ("No task found", as for no task at all)
    boolean restQuirk = write == Write.COMMENT || write == Write.ATTACHMENT;
    assertThat(refused.status()).as(refused.body()).isIn(restQuirk ? List.of(400, 403, 404) : List.of(403, 404));
    assertThat(refused.body()).doesNotContain(pathway.getId());
    assertThat(EngineGuardTest.snapshot(engine, cases, pathway)).isEqualTo(before);
    assertThat(engine.getTaskService().getTaskComments(task.getId())).isEmpty();
    assertThat(engine.getTaskService().getTaskAttachments(task.getId())).isEmpty();
    User after = engine.getIdentityService().createUserQuery().userId(role.user).singleResult();
    assertThat(List.of(String.valueOf(after.getFirstName()), String.valueOf(after.getLastName()), String.valueOf(after.getEmail())))
        .isEqualTo(List.of(String.valueOf(profile.getFirstName()), String.valueOf(profile.getLastName()),
            String.valueOf(profile.getEmail())));
    assertThat(engine.getFilterService().createFilterQuery().count()).isEqualTo(filters);
  }

  /** A synthesis meeting requested now (by the engine, no user): a task of the référent, completable without moving the case on. */
  Task newSynthesisMeeting(ProcessInstance pathway) {
    Set<String> before = meetings(pathway);
    cases.correlate(pathway, "synthesisRequested", Cases.synthesisRequest("coordinator", "Point d'étape"));
    return cases.tasks(pathway, "holdSynthesisMeeting").stream()
        .filter(task -> !before.contains(task.getId()))
        .findFirst()
        .orElseThrow();
  }

  Set<String> meetings(ProcessInstance pathway) {
    return cases.tasks(pathway, "holdSynthesisMeeting").stream().map(Task::getId).collect(Collectors.toSet());
  }

  boolean open(Task task) {
    return engine.getTaskService().createTaskQuery().taskId(task.getId()).count() == 1;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
