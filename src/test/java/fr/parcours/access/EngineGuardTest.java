package fr.parcours.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.casefile.TasklistSession;
import fr.parcours.models.ModelContract.Tasks;
import fr.parcours.models.ModelContract.Timers;
import fr.parcours.models.ModelContract.Variables;
import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.EngineRest.Response;
import fr.parcours.support.ParcoursTest;

/**
 * Deny by default: the calls of issue « Deny by default », made over HTTP as the users who tried
 * them, are refused, and reading the engine back shows that nothing changed (variables, activities,
 * tasks, jobs and their retries, grants, history). What the démarche allows still works.
 */
@ParcoursTest
class EngineGuardTest {

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
  void aSocialWorkerCannotMoveTheCaseNameAReferentOrSkipTheCommittee() {
    ProcessInstance pathway = cases.start(Cases.referral("strasbourg"));
    EngineRest worker = EngineRest.as(port, "ts.strasbourg");
    String instance = "/engine-rest/process-instance/" + pathway.getId();
    Snapshot before = snapshot(pathway);

    assertRefused(worker.put(instance + "/variables/territory", Map.of("value", "saverne", "type", "String")));
    assertRefused(worker.put(instance + "/variables/coordinatorId", Map.of("value", "ts.strasbourg", "type", "String")));
    assertRefused(worker.put(instance + "/variables/caseReference",
        Map.of("value", "RP-2026-000001\n2026-01-01 ERROR forgée", "type", "String")));
    assertRefused(worker.post(instance + "/variables", Map.of("modifications",
        Map.of("territory", Map.of("value", "saverne", "type", "String")))));
    assertRefused(worker.delete(instance + "/variables/personLabel"));
    assertRefused(worker.post(instance + "/modification", Map.of("skipCustomListeners", true, "skipIoMappings", true,
        "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", Tasks.SIGN_AGREEMENT)))));
    assertRefused(worker.put(instance + "/suspended", Map.of("suspended", true)));
    assertRefused(worker.delete(instance));
    assertRefused(worker.post("/engine-rest/signal", Map.of("name", "anything")));

    assertThat(snapshot(pathway)).isEqualTo(before);
    assertThat(cases.variable(pathway, Variables.TERRITORY)).isEqualTo("strasbourg");
    assertThat(cases.variable(pathway, Variables.COORDINATOR_ID)).isNull();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pathway.getId()).active().count())
        .isOne();
  }

  @Test
  void anIntervenerCannotMakeThemselfReferentThroughTheirContributionTask() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("strasbourg"), "ts2.strasbourg");
    cases.complete(pathway, Tasks.COORDINATE_PATHWAY, Map.of());
    Task contribution = cases.task(pathway, Tasks.CONTRIBUTE_TO_REVIEW, "caf.strasbourg");
    EngineRest partner = EngineRest.as(port, "caf.strasbourg");
    Snapshot before = snapshot(pathway);

    assertRefused(partner.post("/engine-rest/task/" + contribution.getId() + "/variables",
        Map.of("modifications", Map.of("coordinatorId", Map.of("value", "caf.strasbourg", "type", "String")))));
    assertRefused(partner.put("/engine-rest/task/" + contribution.getId() + "/variables/coordinatorId",
        Map.of("value", "caf.strasbourg", "type", "String")));
    assertRefused(partner.put("/engine-rest/task/" + contribution.getId() + "/localVariables/coordinatorId",
        Map.of("value", "caf.strasbourg", "type", "String")));

    assertThat(snapshot(pathway)).isEqualTo(before);
    assertThat(cases.variable(pathway, Variables.COORDINATOR_ID)).isEqualTo("ts2.strasbourg");
    // the contribution itself, the step, is theirs to complete
    Response completed = partner.complete(contribution.getId(), Cases.contribution("Droits ouverts."));
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    assertThat(cases.variable(pathway, Variables.COORDINATOR_ID)).isEqualTo("ts2.strasbourg");
  }

  @Test
  void aTaskIsGivenOnlyWithinItsTeamAndNobodyGainsGrantsByIt() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    Task consent = cases.task(pathway, Tasks.RECORD_CONSENT);
    EngineRest worker = EngineRest.as(port, "ts.artois");
    String task = "/engine-rest/task/" + consent.getId();
    Snapshot before = snapshot(pathway);

    assertRefused(worker.post(task + "/assignee", Map.of("userId", "pilote.pas-de-calais")));
    assertRefused(worker.post(task + "/claim", Map.of("userId", "pilote.pas-de-calais")));
    assertRefused(worker.post(task + "/delegate", Map.of("userId", "caf.audomarois")));
    assertRefused(worker.post(task + "/identity-links", Map.of("groupId", "partners-audomarois", "type", "candidate")));
    assertRefused(worker.post(task + "/identity-links", Map.of("userId", "pilote.pas-de-calais", "type", "candidate")));
    Map<String, Object> owner = taskDto(consent);
    owner.put("owner", "pilote.pas-de-calais");
    assertRefused(worker.put(task, owner));
    Map<String, Object> due = taskDto(consent);
    due.put("due", "2030-01-01T00:00:00.000+0100");
    assertRefused(worker.put(task, due));
    assertRefused(worker.post(task + "/bpmnError", Map.of("errorCode", "x")));
    assertRefused(worker.post(task + "/bpmnEscalation", Map.of("escalationCode", "x")));
    // the REST API answers a refused comment 400 ("Not enough parameters submitted"): refused all the same
    assertThat(worker.post(task + "/comment/create", Map.of("message", "hors du journal")).status()).isIn(400, 403);
    assertThat(engine.getTaskService().getTaskComments(consent.getId())).isEmpty();

    assertThat(snapshot(pathway)).isEqualTo(before);
    Task after = engine.getTaskService().createTaskQuery().taskId(consent.getId()).singleResult();
    assertThat(after.getAssignee()).isNull();
    assertThat(after.getOwner()).isNull();
    assertThat(after.getDueDate()).isEqualTo(consent.getDueDate());
    for (String outsider : List.of("pilote.pas-de-calais", "caf.audomarois")) {
      assertThat(engine.getAuthorizationService().createAuthorizationQuery().userIdIn(outsider).resourceId(consent.getId())
          .count()).as(outsider).isZero();
      Response read = EngineRest.as(port, outsider).get("/engine-rest/process-instance/" + pathway.getId() + "/variables");
      assertThat(read.status()).as(outsider + " " + read.body()).isIn(403, 404);
      assertThat(read.body()).doesNotContain("M. D. 1984");
    }

    // within the team: to a colleague of the candidate group, back, claimed, a follow-up date, completed
    assertAllowed(worker.post(task + "/assignee", Map.of("userId", "ts2.artois")));
    assertAllowed(EngineRest.as(port, "ts2.artois").post(task + "/unclaim", Map.of()));
    assertAllowed(worker.post(task + "/claim", Map.of("userId", "ts.artois")));
    Map<String, Object> followUp = taskDto(engine.getTaskService().createTaskQuery().taskId(consent.getId()).singleResult());
    followUp.put("followUp", "2030-01-01T00:00:00.000+0100");
    assertAllowed(worker.put(task, followUp));
    assertThat(engine.getTaskService().createTaskQuery().taskId(consent.getId()).singleResult().getFollowUpDate()).isNotNull();
    assertAllowed(worker.complete(consent.getId(), Cases.consent(true, "ts2.artois")));
    assertThat(pathway).extracting(p -> cases.task(p, Tasks.GLOBAL_DIAGNOSTIC)).isNotNull();
  }

  @Test
  void workersSendNoMessageToTheEngineTheirRequestsGoThroughTheCaseFile() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    String key = cases.businessKey(pathway);
    Snapshot before = snapshot(pathway);
    int journal = engine.getTaskService().getProcessInstanceComments(pathway.getId()).size();

    // the référent, a social worker of the territory, an intervener: each may ask for a synthesis meeting, none directly
    for (String user : List.of("ts2.artois", "ts.artois", "caf.artois")) {
      Response message = EngineRest.as(port, user).correlate("synthesisRequested", key,
          Cases.synthesisRequest("person", "Point d'étape"));
      assertRefused(message);
      assertThat(message.body()).doesNotContain(pathway.getId());
    }
    assertRefused(EngineRest.as(port, "ts2.artois").post("/engine-rest/message/", Map.of("messageName", "pathwayWithdrawn",
        "processInstanceId", pathway.getId(), "all", true,
        "processVariables", EngineRest.variables(Map.of("exitReason", "move")))));
    TasklistSession tasklist = TasklistSession.login(port, "ts2.artois");
    TasklistSession.Response webapp = tasklist.post("/camunda/api/engine/engine/default/message", Map.of(
        "messageName", "synthesisRequested", "businessKey", key,
        "processVariables", EngineRest.variables(Cases.synthesisRequest("coordinator", "Point d'étape"))));
    assertThat(webapp.status()).as(webapp.body()).isEqualTo(403);

    assertThat(snapshot(pathway)).isEqualTo(before);
    assertThat(cases.tasks(pathway, Tasks.HOLD_SYNTHESIS_MEETING)).isEmpty();
    assertThat(engine.getTaskService().getProcessInstanceComments(pathway.getId())).hasSize(journal);

    // the same request from the case file: checked, journalled, correlated by the application
    Response request = EngineRest.as(port, "ts2.artois").caseRequest(key, "synthesis",
        Cases.synthesisRequest("coordinator", "Point d'étape"));
    assertThat(request.status()).as(request.body()).isEqualTo(201);
    assertThat(cases.tasks(pathway, Tasks.HOLD_SYNTHESIS_MEETING)).hasSize(1);
  }

  @Test
  void aBpmnErrorCannotEndTheCaseBehindTheModelsBack() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    Task consent = cases.task(pathway, Tasks.RECORD_CONSENT);
    Snapshot before = snapshot(pathway);

    assertRefused(EngineRest.as(port, "ts.artois").post("/engine-rest/task/" + consent.getId() + "/bpmnError",
        Map.of("errorCode", "x")));

    assertThat(snapshot(pathway)).isEqualTo(before);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pathway.getId())
        .singleResult().getState()).isEqualTo("ACTIVE");
  }

  @Test
  void aSocialWorkerCannotSuspendNorMoveTheCaseTimers() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    Job planEnd = engine.getManagementService().createJobQuery().processInstanceId(pathway.getId())
        .activityId(Timers.PLAN_END_REACHED).singleResult();
    assertThat(planEnd).isNotNull();
    EngineRest worker = EngineRest.as(port, "ts.artois");
    Snapshot before = snapshot(pathway);

    assertRefused(worker.put("/engine-rest/process-instance/" + pathway.getId() + "/suspended", Map.of("suspended", true)));
    assertRefusedOrHidden(worker.post("/engine-rest/job/" + planEnd.getId() + "/execute", Map.of()));
    assertRefused(worker.put("/engine-rest/job/" + planEnd.getId() + "/duedate", Map.of("duedate", "2030-01-01T00:00:00.000+0100")));
    assertRefused(worker.put("/engine-rest/job/" + planEnd.getId() + "/retries", Map.of("retries", 0)));
    assertRefused(worker.put("/engine-rest/job/" + planEnd.getId() + "/suspended", Map.of("suspended", true)));
    assertRefused(worker.delete("/engine-rest/job/" + planEnd.getId()));

    assertThat(snapshot(pathway)).isEqualTo(before);
    Job after = engine.getManagementService().createJobQuery().jobId(planEnd.getId()).singleResult();
    assertThat(after.getDuedate()).isEqualTo(planEnd.getDuedate());
    assertThat(after.getRetries()).isEqualTo(planEnd.getRetries());
    assertThat(after.isSuspended()).isFalse();
  }

  @Test
  void refusedExecutionsOfATimerSpendNoRetryWhoeverAsks() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("artois"), "ts2.artois");
    Job planEnd = engine.getManagementService().createJobQuery().processInstanceId(pathway.getId())
        .activityId(Timers.PLAN_END_REACHED).singleResult();
    Snapshot before = snapshot(pathway);

    // another département's pilot, the case's own social worker and référent: three times each
    for (String user : List.of("pilote.bas-rhin", "ts.artois", "ts2.artois")) {
      for (int attempt = 0; attempt < 3; attempt++) {
        Response refused = EngineRest.as(port, user).post("/engine-rest/job/" + planEnd.getId() + "/execute", Map.of());
        assertThat(refused.status()).as(user + " " + refused.body()).isEqualTo(403);
        // the execution's own refusal, not a refusal of recording a failed run
        assertThat(refused.json().path("message").asText()).as(user).contains("s'exécute à son échéance");
        assertThat(refused.body()).doesNotContain(pathway.getId()).doesNotContain(planEnd.getId());
      }
    }
    // the same from Java, as a worker: refused before it runs
    engine.getIdentityService().setAuthentication("ts.artois", List.of("ts-artois"), List.of("pas-de-calais"));
    try {
      Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> engine.getManagementService().executeJob(planEnd.getId()));
      assertThat(EngineGuard.Refused.in(refused)).as(String.valueOf(refused)).isNotNull()
          .hasMessageContaining("s'exécute à son échéance");
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    assertThat(snapshot(pathway)).isEqualTo(before);
    Job after = engine.getManagementService().createJobQuery().jobId(planEnd.getId()).singleResult();
    assertThat(after.getRetries()).isEqualTo(planEnd.getRetries());
    assertThat(after.getExceptionMessage()).isNull();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pathway.getId()).count()).isZero();
    assertThat(engine.getHistoryService().createHistoricJobLogQuery().jobId(planEnd.getId()).failureLog().count()).isZero();
    // the timer still fires at its date
    Cases.moveClockTo(after.getDuedate().toInstant().plusSeconds(60));
    cases.runDueJobs(pathway);
    assertThat(engine.getManagementService().createJobQuery().jobId(planEnd.getId()).count()).isZero();
  }

  @Test
  void attachmentsAndCommentsAreNotReadAcrossDepartements() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    Task consent = cases.task(pathway, Tasks.RECORD_CONSENT);
    Attachment attachment = engine.getTaskService().createAttachment("text/plain", consent.getId(), null, "note.txt",
        "pièce", new ByteArrayInputStream("confidentiel".getBytes(StandardCharsets.UTF_8)));
    Comment comment = engine.getTaskService().createComment(consent.getId(), null, "commentaire confidentiel");
    EngineRest basRhin = EngineRest.as(port, "ts.strasbourg");
    String task = "/engine-rest/task/" + consent.getId();

    Response data = basRhin.get(task + "/attachment/" + attachment.getId() + "/data");
    assertThat(data.status()).as(data.body()).isEqualTo(404);
    assertThat(data.body()).doesNotContain("confidentiel");
    Response read = basRhin.get(task + "/comment/" + comment.getId());
    assertThat(read.status()).as(read.body()).isEqualTo(404);
    assertThat(read.body()).doesNotContain("confidentiel");
    Response all = basRhin.get(task + "/comment");
    assertThat(all.body()).doesNotContain("confidentiel");
    assertRefusedOrHidden(basRhin.delete(task + "/attachment/" + attachment.getId()));

    assertThat(engine.getTaskService().getAttachment(attachment.getId())).isNotNull();
    // the task's own team reads the task's comments (Tasklist's history of the task)
    Response own = EngineRest.as(port, "ts.artois").get(task + "/comment");
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.body()).contains("commentaire confidentiel");
  }

  @Test
  void identityAndFiltersAreTheOperatorsAndUserIdsAreNotListed() {
    EngineRest worker = EngineRest.as(port, "ts.artois");
    User before = engine.getIdentityService().createUserQuery().userId("ts.artois").singleResult();

    assertRefused(worker.put("/engine-rest/user/ts.artois/profile",
        Map.of("id", "ts.artois", "firstName", "<b>Moi</b>", "lastName", "Autre", "email", "ailleurs@example.org")));
    assertRefused(worker.post("/engine-rest/user/create", Map.of("profile", Map.of("id", "intrus"),
        "credentials", Map.of("password", "intrus-2026"))));
    assertRefused(worker.put("/engine-rest/group/ts-artois/members/ft.artois", Map.of()));
    assertRefused(worker.post("/engine-rest/authorization/create", Map.of("type", 1, "permissions", List.of("ALL"),
        "userId", "ts.artois", "resourceType", 8, "resourceId", "*")));
    assertRefused(worker.post("/engine-rest/filter/create", Map.of("resourceType", "Task", "name", "Tout", "query", Map.of())));
    assertRefused(worker.get("/engine-rest/user"));
    assertRefused(worker.get("/engine-rest/user?lastNameLike=%25"));

    User after = engine.getIdentityService().createUserQuery().userId("ts.artois").singleResult();
    assertThat(List.of(after.getFirstName(), after.getLastName(), after.getEmail()))
        .isEqualTo(List.of(before.getFirstName(), before.getLastName(), before.getEmail()));
    assertThat(engine.getIdentityService().createUserQuery().userId("intrus").count()).isZero();
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().userIdIn("ts.artois").resourceId("*").count())
        .isZero();

    // what Tasklist asks: a user by id (does this assignee exist?), one's own profile
    Response byId = worker.get("/engine-rest/user?id=ts2.artois");
    assertThat(byId.status()).as(byId.body()).isEqualTo(200);
    assertThat(byId.json()).hasSize(1);
    assertAllowed(worker.get("/engine-rest/user/ts.artois/profile"));
  }

  @Test
  void aUserChangesTheirOwnPasswordOnly() {
    String userId = "mdp." + UUID.randomUUID().toString().substring(0, 8);
    User user = engine.getIdentityService().newUser(userId);
    user.setFirstName("Prénom");
    user.setLastName("Nom");
    user.setPassword("ancien-mot-2026");
    engine.getIdentityService().saveUser(user);
    try {
      EngineRest self = EngineRest.as(port, userId, "ancien-mot-2026");
      assertAllowed(self.put("/engine-rest/user/" + userId + "/credentials",
          Map.of("password", "nouveau-mot-2026", "authenticatedUserPassword", "ancien-mot-2026")));
      assertThat(engine.getIdentityService().checkPassword(userId, "nouveau-mot-2026")).isTrue();
      assertRefusedOrHidden(EngineRest.as(port, userId, "nouveau-mot-2026").put("/engine-rest/user/ts.artois/credentials",
          Map.of("password", "vole-2026-xx", "authenticatedUserPassword", "nouveau-mot-2026")));
      assertThat(engine.getIdentityService().checkPassword("ts.artois", "demo")).isTrue();
    } finally {
      engine.getIdentityService().deleteUser(userId);
    }
  }

  @Test
  void theWebappsEngineApiAndJavaCallersAreBoundAlike() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    Task consent = cases.task(pathway, Tasks.RECORD_CONSENT);
    Snapshot before = snapshot(pathway);

    TasklistSession tasklist = TasklistSession.login(port, "ts.artois");
    TasklistSession.Response webapp = tasklist.post("/camunda/api/engine/engine/default/task/" + consent.getId() + "/variables",
        Map.of("modifications", Map.of("territory", Map.of("value", "audomarois", "type", "String"))));
    assertThat(webapp.status()).as(webapp.body()).isEqualTo(403);
    TasklistSession.Response modification = tasklist.post("/camunda/api/engine/engine/default/process-instance/"
        + pathway.getId() + "/modification", Map.of("instructions",
            List.of(Map.of("type", "startBeforeActivity", "activityId", Tasks.SIGN_AGREEMENT))));
    assertThat(modification.status()).as(modification.body()).isEqualTo(403);

    engine.getIdentityService().setAuthentication("ts.artois", List.of("ts-artois"), List.of("pas-de-calais"));
    try {
      assertThatThrownBy(() -> engine.getRuntimeService().setVariable(pathway.getId(), Variables.TERRITORY, "audomarois"))
          .isInstanceOf(AuthorizationException.class);
      assertThatThrownBy(() -> engine.getTaskService().setOwner(consent.getId(), "ts.artois"))
          .isInstanceOf(AuthorizationException.class);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    assertThat(snapshot(pathway)).isEqualTo(before);
    // the webapp still serves the task to its team
    assertThat(tasklist.get("/camunda/api/engine/engine/default/task/" + consent.getId()).status()).isEqualTo(200);
  }

  @Test
  void managersReadTheInstanceCountsOfEachElementButNoCase() {
    ProcessInstance artois = cases.start(Cases.referral("artois"));
    ProcessInstance strasbourg = cases.start(Cases.referral("strasbourg"));
    String definition = artois.getProcessDefinitionId();
    String statistics = "/engine-rest/process-definition/" + definition + "/statistics?incidents=true";

    // per element: the national managers count every département, a département's managers their own
    Map<String, Long> expected = Map.of(
        "gestionnaire", waitingAtConsent(definition, null),
        "gestionnaire.pas-de-calais", waitingAtConsent(definition, "pas-de-calais"),
        "gestionnaire.bas-rhin", waitingAtConsent(definition, "bas-rhin"));
    expected.forEach((manager, count) -> {
      assertThat(count).as(manager).isPositive();
      Response counts = EngineRest.as(port, manager).get(statistics);
      assertThat(counts.status()).as(counts.body()).isEqualTo(200);
      assertThat(countAt(counts, Tasks.RECORD_CONSENT)).as(manager).isEqualTo(count);
    });
    assertThat(expected.get("gestionnaire")).isGreaterThanOrEqualTo(expected.get("gestionnaire.pas-de-calais")
        + expected.get("gestionnaire.bas-rhin"));
    // the list of definitions with their instances, and the diagram's counts through Cockpit's own API
    Response definitions = EngineRest.as(port, "gestionnaire").get("/engine-rest/process-definition/statistics");
    assertThat(definitions.status()).as(definitions.body()).isEqualTo(200);
    assertThat(definitions.json()).anySatisfy(entry -> {
      assertThat(entry.path("id").asText()).isEqualTo(definition);
      assertThat(entry.path("instances").asLong()).isPositive();
    });
    TasklistSession cockpit = TasklistSession.login(port, "gestionnaire.pas-de-calais", "cockpit");
    TasklistSession.Response diagram = cockpit.get("/camunda/api/engine/engine/default/process-definition/" + definition
        + "/statistics?incidents=true");
    assertThat(diagram.status()).as(diagram.body()).isEqualTo(200);
    assertThat(diagram.body()).contains("\"" + Tasks.RECORD_CONSENT + "\"");
    // Cockpit's list of definitions (its plugin's query, under the tenant check only): a département's
    // managers count their département's cases
    TasklistSession.Response list = cockpit.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics");
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    long running = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("pathway")
        .tenantIdIn("pas-de-calais").count();
    assertThat(running).isPositive();
    assertThat(list.json()).anySatisfy(entry -> {
      assertThat(entry.path("key").asText()).isEqualTo("pathway");
      assertThat(entry.path("instances").asLong()).isEqualTo(running);
    });

    // and nothing of a case: instances, variables, tasks, history
    for (String manager : expected.keySet()) {
      EngineRest user = EngineRest.as(port, manager);
      for (ProcessInstance pathway : List.of(artois, strasbourg)) {
        Response instances = user.get("/engine-rest/process-instance?processInstanceIds=" + pathway.getId());
        assertThat(instances.json()).as(manager + " " + instances.body()).isEmpty();
        Response variables = user.get("/engine-rest/process-instance/" + pathway.getId() + "/variables");
        assertThat(variables.status()).as(manager + " " + variables.body()).isIn(403, 404);
        assertThat(variables.body()).doesNotContain("M. D. 1984");
        assertThat(user.get("/engine-rest/task?processInstanceId=" + pathway.getId()).json()).as(manager).isEmpty();
        assertThat(user.get("/engine-rest/history/process-instance?processInstanceId=" + pathway.getId()).json())
            .as(manager).isEmpty();
        assertThat(user.get("/engine-rest/history/variable-instance?processInstanceId=" + pathway.getId()).json())
            .as(manager).isEmpty();
      }
    }
    // the counts without grants are the managers': a pilot's statistics stay under their own grants
    Response pilot = EngineRest.as(port, "pilote.pas-de-calais").get(statistics);
    assertThat(pilot.status()).as(pilot.body()).isIn(200, 403);
    assertThat(pilot.status() == 200 ? countAt(pilot, Tasks.RECORD_CONSENT) : 0).isZero();
  }

  long waitingAtConsent(String definition, String tenant) {
    var query = engine.getRuntimeService().createExecutionQuery().processDefinitionId(definition)
        .activityId(Tasks.RECORD_CONSENT);
    return tenant == null ? query.count() : query.tenantIdIn(tenant).count();
  }

  static long countAt(Response statistics, String activityId) {
    for (var entry : statistics.json()) {
      if (activityId.equals(entry.path("id").asText())) {
        return entry.path("instances").asLong();
      }
    }
    return 0;
  }

  // --- reading the case back

  /** What a refused call must leave as it was. */
  record Snapshot(Map<String, Object> variables, List<String> activities, List<String> tasks, List<String> jobs,
      List<String> grants, long historicActivities, long historicVariableUpdates, long operationLog, boolean suspended) {}

  Snapshot snapshot(ProcessInstance pathway) {
    return snapshot(engine, cases, pathway);
  }

  /** The case as a refused call must leave it (the need-to-know matrix reads it back too). */
  static Snapshot snapshot(ProcessEngine engine, Cases cases, ProcessInstance pathway) {
    String id = pathway.getId();
    var runtime = engine.getRuntimeService();
    Map<String, Object> variables = new java.util.TreeMap<>();
    runtime.getVariables(id).forEach((name, value) -> variables.put(name, String.valueOf(value)));
    List<String> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(cases.businessKey(pathway))
        .list().stream()
        .map(t -> t.getId() + ":" + t.getTaskDefinitionKey() + ":" + t.getAssignee() + ":" + t.getOwner() + ":" + t.getDueDate())
        .sorted().toList();
    List<String> jobs = engine.getManagementService().createJobQuery().processInstanceId(id).list().stream()
        .map(j -> j.getId() + ":" + j.getRetries() + ":" + j.getDuedate() + ":" + j.isSuspended()).sorted().toList();
    List<String> grants = engine.getAuthorizationService().createAuthorizationQuery().list().stream()
        .filter(a -> a.getResourceId() != null && (a.getResourceId().equals(id) || tasks.stream().anyMatch(t -> t.startsWith(a.getResourceId() + ":"))))
        .map(a -> a.getResourceId() + ":" + a.getUserId() + ":" + a.getGroupId() + ":" + a.getResourceType() + ":"
            + Integer.toBinaryString(((org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity) a).getPermissions()))
        .sorted().toList();
    var history = engine.getHistoryService();
    return new Snapshot(variables, List.of(runtime.getActiveActivityIds(id).stream().sorted().toArray(String[]::new)), tasks,
        jobs, grants,
        history.createHistoricActivityInstanceQuery().processInstanceId(id).count(),
        history.createHistoricDetailQuery().processInstanceId(id).count(),
        history.createUserOperationLogQuery().processInstanceId(id).count(),
        runtime.createProcessInstanceQuery().processInstanceId(id).suspended().count() > 0);
  }

  static Map<String, Object> taskDto(Task task) {
    Map<String, Object> dto = new java.util.HashMap<>();
    dto.put("name", task.getName());
    dto.put("assignee", task.getAssignee());
    dto.put("owner", task.getOwner());
    dto.put("priority", task.getPriority());
    dto.put("due", task.getDueDate() == null ? null : format(task.getDueDate()));
    dto.put("followUp", task.getFollowUpDate() == null ? null : format(task.getFollowUpDate()));
    dto.put("tenantId", task.getTenantId());
    return dto;
  }

  static String format(Date date) {
    return new java.text.SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(date);
  }

  static void assertRefused(Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(403);
  }

  static void assertRefusedOrHidden(Response response) {
    assertThat(response.status()).as(response.body()).isIn(403, 404);
  }

  static void assertAllowed(Response response) {
    assertThat(response.status()).as(response.body()).isBetween(200, 204);
  }
}
