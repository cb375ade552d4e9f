package fr.parcours.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.EngineRest.Response;
import fr.parcours.support.ParcoursTest;

/**
 * The grants follow the case: interveners see it only once the person agreed to share, the
 * technical committee is visible to the case's territory, a former référent keeps read-only access
 * for the handover period and then loses it, and the audit trail shows who did what.
 */
@ParcoursTest
class CaseAccessLifecycleTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Cases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aPartnerSeesNothingBeforeTheSharingConsentAndReadsTheCaseAfterIt() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    String key = cases.businessKey(pathway);
    EngineRest partner = EngineRest.as(port, "caf.artois");

    assertThat(sees(partner, key)).as("tasks before consent").isFalse();
    assertThat(partner.get(variables(pathway)).status()).isIn(403, 404);
    assertThat(readsHistory(partner, key)).isFalse();

    cases.complete(pathway, "recordConsent", Cases.consent(true, null));

    assertThat(sees(partner, key)).as("tasks after consent").isTrue();
    assertThat(partner.get(variables(pathway)).status()).isEqualTo(200);
    assertThat(readsHistory(partner, key)).isTrue();
    Response completion = partner.complete(cases.task(pathway, "globalDiagnostic").getId(), Cases.diagnostic());
    assertThat(completion.status()).as("read only: %s", completion.body()).isEqualTo(403);
    // a partner of the territory who is not an intervener still sees nothing
    assertThat(sees(EngineRest.as(port, "ft.audomarois"), key)).isFalse();
  }

  @Test
  void theTechnicalCommitteeIsVisibleToTheCasesTerritoryAndToItsInterveners() {
    ProcessInstance pathway = cases.startAtAdmissionCommittee(Cases.referral("artois"), "ts2.artois");
    String key = cases.businessKey(pathway);

    for (String user : List.of("ctas.artois", "ts.artois", "caf.artois")) {
      List<JsonNode> tasks = EngineRest.as(port, user).tasks(key, "scheduleCommittee");
      assertThat(tasks).as(user).hasSize(1);
    }
    assertThat(EngineRest.as(port, "ctas.audomarois").tasks(key, "scheduleCommittee")).isEmpty();
    String committee = cases.committee(pathway).getId();
    assertThat(EngineRest.as(port, "caf.artois").get("/engine-rest/process-instance/" + committee + "/variables").status())
        .isEqualTo(200);
    assertThat(EngineRest.as(port, "ctas.audomarois").get("/engine-rest/process-instance/" + committee + "/variables")
        .status()).isIn(403, 404);
  }

  @Test
  void aFormerReferentKeepsReadOnlyAccessForTheHandoverThenLosesIt() {
    // référent from another territory, so that no territory group opens the case to them
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("audomarois"), "ts2.artois");
    String key = cases.businessKey(pathway);
    EngineRest former = EngineRest.as(port, "ts2.artois");
    EngineRest next = EngineRest.as(port, "ts2.audomarois");
    assertThat(former.caseRequest(key, "synthesis", Cases.synthesisRequest("coordinator", "Point")).status())
        .as("the référent makes requests").isEqualTo(201);

    cases.correlate(pathway, "coordinatorChangeRequested", Cases.coordinatorChange("Mutation"));
    cases.complete(pathway, "reassignCoordinator", Cases.reassignment("ts2.audomarois"));
    assertThat(pathway).hasPassed("coordinatorReassigned");
    ProcessInstance handover = handover(pathway);
    assertThat(handover).isWaitingAt("handoverPeriodEnded");

    // handover: the former référent reads, no longer acts
    assertThat(former.get(variables(pathway)).status()).isEqualTo(200);
    assertThat(readsHistory(former, key)).isTrue();
    assertThat(sees(former, key)).isTrue();
    Response request = former.caseRequest(key, "synthesis", Cases.synthesisRequest("coordinator", "Encore"));
    assertThat(request.status()).as(request.body()).isEqualTo(403);
    Response completion = former.complete(cases.task(pathway, "coordinatePathway").getId(), Map.of());
    assertThat(completion.status()).as(completion.body()).isIn(403, 404);
    // the new référent acts
    assertThat(next.get(variables(pathway)).status()).isEqualTo(200);
    assertThat(next.caseRequest(key, "synthesis", Cases.synthesisRequest("coordinator", "Reprise")).status())
        .isEqualTo(201);

    // the day before the end of the handover: still readable
    Cases.moveClockTo(Cases.now().plus(29, ChronoUnit.DAYS));
    cases.runDueJobs(pathway);
    assertThat(former.get(variables(pathway)).status()).isEqualTo(200);

    // the handover period is over
    Cases.moveClockTo(Cases.now().plus(2, ChronoUnit.DAYS));
    cases.runDueJobs(pathway);
    assertThat(handover).hasPassed("revokeFormerCoordinator", "formerCoordinatorAccessRevoked").isEnded();
    assertThat(pathway).isNotEnded();
    assertThat(former.get(variables(pathway)).status()).isIn(403, 404);
    assertThat(readsHistory(former, key)).isFalse();
    assertThat(sees(former, key)).isFalse();
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().userIdIn("ts2.artois")
        .resourceType(Resources.HISTORIC_PROCESS_INSTANCE).resourceId(pathway.getId()).count()).isZero();
    // the new référent and the case's territory keep theirs
    assertThat(next.get(variables(pathway)).status()).isEqualTo(200);
    assertThat(readsHistory(EngineRest.as(port, "ts.audomarois"), key)).isTrue();
  }

  @Test
  void aFormerReferentWhoIsAlsoAnIntervenerKeepsReadingAsIntervener() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("audomarois"), "caf.audomarois");
    cases.correlate(pathway, "coordinatorChangeRequested", Cases.coordinatorChange("Réorganisation"));
    cases.complete(pathway, "reassignCoordinator", Cases.reassignment("ts2.audomarois"));
    ProcessInstance handover = handover(pathway);
    Cases.moveClockTo(Cases.now().plus(31, ChronoUnit.DAYS));
    cases.runDueJobs(pathway);

    assertThat(handover).hasPassed("formerCoordinatorAccessRevoked");
    EngineRest former = EngineRest.as(port, "caf.audomarois");
    assertThat(former.get(variables(pathway)).status()).isEqualTo(200);
    // as an intervener, they may ask for a synthesis meeting, not as référent
    assertThat(former.caseRequest(cases.businessKey(pathway), "synthesis",
        Cases.synthesisRequest("coordinator", "Point")).status()).isEqualTo(400);
    assertThat(former.caseRequest(cases.businessKey(pathway), "synthesis",
        Cases.synthesisRequest("intervener", "Point")).status()).isEqualTo(201);
  }

  @Test
  void theAuditTrailShowsWhoDidWhatToThoseWhoMayReadTheCase() {
    EngineRest worker = EngineRest.as(port, "ts.artois");
    Response started = worker.startPathway(Cases.referral("artois"));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    ProcessInstance pathway = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(started.json().path("id").asText()).singleResult();
    String key = cases.businessKey(pathway);
    assertThat(worker.complete(worker.taskId(key, "recordConsent"), Cases.consent(true, "ts2.artois")).status())
        .isEqualTo(204);
    assertThat(worker.complete(worker.taskId(key, "globalDiagnostic"), Cases.diagnostic()).status()).isEqualTo(204);
    cases.holdCommittee(pathway, Cases.decision("admit", "ts2.artois"));
    cases.complete(pathway, "signAgreement", Cases.agreement());
    EngineRest referent = EngineRest.as(port, "ts2.artois");
    assertThat(referent.caseRequest(key, "synthesis", Cases.synthesisRequest("coordinator", "À la demande de la personne"))
        .status()).isEqualTo(201);
    // a variable outside a step: refused to the référent (deny by default), an operator's correction
    Map<String, Object> correction = Map.of("modifications", EngineRest.variables(Map.of("personLabel", "M. D. 1985")));
    String variables = "/engine-rest/process-instance/" + pathway.getId() + "/variables";
    assertThat(referent.post(variables, correction).status()).isEqualTo(403);
    Response variable = EngineRest.as(port, "demo").post(variables, correction);
    assertThat(variable.status()).as(variable.body()).isEqualTo(204);

    Response audit = worker.get("/api/cases/" + key + "/audit");
    assertThat(audit.status()).as(audit.body()).isEqualTo(200);
    List<JsonNode> entries = list(audit.json().path("entries"));
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("operationType").asText()).isEqualTo("Create");
      assertThat(e.path("entityType").asText()).isEqualTo("ProcessInstance");
      assertThat(e.path("userId").asText()).isEqualTo("ts.artois");
      assertThat(list(e.path("variables"))).extracting(JsonNode::asText).contains("personRef", "territory");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("operationType").asText()).isEqualTo("Complete");
      assertThat(e.path("userId").asText()).isEqualTo("ts.artois");
      assertThat(list(e.path("variables"))).extracting(JsonNode::asText).contains("consentGiven", "sharingConsent");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("operationType").asText()).isEqualTo("CorrelateMessage");
      assertThat(e.path("userId").asText()).isEqualTo("ts2.artois");
      assertThat(e.path("newValue").asText()).isEqualTo("synthesisRequested");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("operationType").asText()).matches("SetVariables?|ModifyProcessInstanceVariables|.*Variable.*");
      assertThat(e.path("userId").asText()).isEqualTo("demo");
    });
    // the grants made when ts.artois referred and when the person consented, by whom they were caused
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("entityType").asText()).isEqualTo("Authorization");
      assertThat(e.path("operationType").asText()).isEqualTo("Create");
      assertThat(e.path("userId").asText()).isEqualTo("ts.artois");
      assertThat(e.path("property").asText()).isEqualTo("userId");
      assertThat(e.path("newValue").asText()).isEqualTo("caf.artois");
    });

    // only for those who may read the case
    assertThat(EngineRest.as(port, "caf.artois").get("/api/cases/" + key + "/audit").status()).isEqualTo(200);
    assertThat(EngineRest.as(port, "ts.audomarois").get("/api/cases/" + key + "/audit").status()).isEqualTo(404);
    assertThat(EngineRest.as(port, "ts.strasbourg").get("/api/cases/" + key + "/audit").status()).isEqualTo(404);
    assertThat(EngineRest.as(port, "pilote.pas-de-calais").get("/api/cases/" + key + "/audit").status()).isEqualTo(404);
    assertThat(EngineRest.anonymous(port).get("/api/cases/" + key + "/audit").status()).isEqualTo(401);
  }

  @Autowired CaseAccessBackfill backfill;

  @Test
  void aCaseOpenedBeforeNeedToKnowAccessGetsItsGrantsAtStart() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    cases.complete(pathway, "recordConsent", Cases.consent(true, null));
    String key = cases.businessKey(pathway);
    // as a case opened before: no grant at all
    engine.getAuthorizationService().createAuthorizationQuery().resourceId(pathway.getId()).list()
        .forEach(grant -> engine.getAuthorizationService().deleteAuthorization(grant.getId()));
    String diagnostic = cases.task(pathway, "globalDiagnostic").getId();
    engine.getAuthorizationService().createAuthorizationQuery().resourceId(diagnostic).list()
        .forEach(grant -> engine.getAuthorizationService().deleteAuthorization(grant.getId()));
    assertThat(sees(EngineRest.as(port, "ts.artois"), key)).isFalse();
    // the pass ran at this application's first start and is recorded: a restart does not read every case again
    assertThat(engine.getManagementService().getProperties()).containsKey(CaseAccessBackfill.DONE);
    backfill.onStart();
    assertThat(sees(EngineRest.as(port, "ts.artois"), key)).isFalse();

    backfill.grantRunningCases();

    assertThat(sees(EngineRest.as(port, "ts.artois"), key)).isTrue();
    assertThat(EngineRest.as(port, "ctas.artois").get(variables(pathway)).status()).isEqualTo(200);
    assertThat(readsHistory(EngineRest.as(port, "caf.artois"), key)).as("intervener after consent").isTrue();
    assertThat(sees(EngineRest.as(port, "ts.audomarois"), key)).isFalse();
  }

  static List<JsonNode> list(JsonNode array) {
    List<JsonNode> nodes = new java.util.ArrayList<>();
    array.forEach(nodes::add);
    return nodes;
  }

  static String variables(ProcessInstance pathway) {
    return "/engine-rest/process-instance/" + pathway.getId() + "/variables";
  }

  static boolean sees(EngineRest user, String key) {
    Response tasks = user.get("/engine-rest/task?processInstanceBusinessKey=" + encode(key));
    assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
    return tasks.json().size() > 0;
  }

  static boolean readsHistory(EngineRest user, String key) {
    Response history = user.get("/engine-rest/history/process-instance?processDefinitionKey=pathway&processInstanceBusinessKey="
        + encode(key));
    assertThat(history.status()).as(history.body()).isEqualTo(200);
    return history.json().size() > 0;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void aCaseClosedDuringTheHandoverEndsAtOnceAndTheFormerReferentLosesAccess() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("audomarois"), "ts2.artois");
    cases.correlate(pathway, "coordinatorChangeRequested", Cases.coordinatorChange("Départ"));
    cases.complete(pathway, "reassignCoordinator", Cases.reassignment("ts.audomarois"));
    ProcessInstance handover = handover(pathway);

    cases.complete(pathway, "coordinatePathway", Map.of());
    cases.tasks(pathway, "contributeToReview")
        .forEach(task -> cases.complete(task, Cases.contribution("Contribution")));
    cases.complete(pathway, "prepareSharedReview", Cases.sharedReview("[\"housing-solution\"]", "close", null));
    cases.holdCommittee(pathway, Cases.decision("close", null));

    // Closing is not held up by the handover, and the end of the case ends the handover access.
    assertThat(pathway).isEnded();
    assertThat(handover).isWaitingAt("handoverPeriodEnded");
    // a référent from another territory: no group of hers gives her this case
    EngineRest former = EngineRest.as(port, "ts2.artois");
    assertThat(readsHistory(former, cases.businessKey(pathway))).isFalse();

    Cases.moveClockTo(Cases.now().plus(31, ChronoUnit.DAYS));
    cases.runDueJobs(pathway);
    assertThat(handover).isEnded();
    assertThat(readsHistory(former, cases.businessKey(pathway))).isFalse();
    assertThat(readsHistory(EngineRest.as(port, "ts.audomarois"), cases.businessKey(pathway))).isTrue();
  }

  @Test
  void aTaskGivenOutsideTheCasesPeopleBringsNoGrantAndGrantsGoWithTheTask() {
    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    String consent = cases.task(pathway, "recordConsent").getId();
    String task = "/engine-rest/task/" + consent;
    // an operator (whom the engine guard lets through) gives the task to people outside the case
    EngineRest operator = EngineRest.as(port, "demo");
    assertThat(operator.post(task + "/assignee", Map.of("userId", "pilote.pas-de-calais")).status()).isEqualTo(204);
    assertThat(operator.post(task + "/delegate", Map.of("userId", "caf.audomarois")).status()).isEqualTo(204);
    assertThat(operator.post(task + "/identity-links", Map.of("userId", "ts.strasbourg", "type", "candidate")).status())
        .isEqualTo(204);
    assertThat(operator.post(task + "/identity-links", Map.of("groupId", "partners-audomarois", "type", "candidate"))
        .status()).isEqualTo(204);

    assertThat(taskGrants(consent)).as("grants on the task").doesNotContainKeys("pilote.pas-de-calais", "caf.audomarois",
        "ts.strasbourg", "group:partners-audomarois");
    for (String outsider : List.of("pilote.pas-de-calais", "caf.audomarois", "ts.strasbourg", "ft.audomarois")) {
      EngineRest user = EngineRest.as(port, outsider);
      assertThat(user.get(task).status()).as(outsider).isIn(403, 404);
      assertThat(user.get(variables(pathway)).status()).as(outsider).isIn(403, 404);
      assertThat(sees(user, cases.businessKey(pathway))).as(outsider).isFalse();
    }

    // within the case's team: the assignee gets the task, and loses it when it goes to a colleague
    assertThat(operator.post(task + "/assignee", Map.of("userId", "ts2.artois")).status()).isEqualTo(204);
    assertThat(taskGrants(consent)).containsKey("ts2.artois");
    assertThat(operator.post(task + "/assignee", Map.of("userId", "ts.artois")).status()).isEqualTo(204);
    assertThat(taskGrants(consent)).doesNotContainKey("ts2.artois").containsKey("ts.artois");
    // the team still holds it through its candidate group, the CTAS reads it
    assertThat(taskGrants(consent).get("group:ts-artois")).contains("READ", "UPDATE");
    assertThat(taskGrants(consent).get("group:ctas-artois")).contains("READ").doesNotContain("UPDATE");

    // completed: every grant on the task goes with it
    assertThat(EngineRest.as(port, "ts.artois").complete(consent, Cases.consent(true, "ts2.artois")).status()).isEqualTo(204);
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.TASK).resourceId(consent)
        .count()).isZero();
  }

  @Test
  void theReferentGivenAwayTheirTaskKeepsReadingItAndNobodyUpdatesTheCase() {
    ProcessInstance pathway = cases.startInFollowUp(Cases.referral("audomarois"), "ts2.artois");
    String coordination = cases.task(pathway, "coordinatePathway").getId();
    assertThat(taskGrants(coordination).get("ts2.artois")).contains("UPDATE");

    assertThat(EngineRest.as(port, "demo").post("/engine-rest/task/" + coordination + "/assignee",
        Map.of("userId", "ts.audomarois")).status()).isEqualTo(204);

    assertThat(taskGrants(coordination).get("ts2.artois")).as("the référent reads the case's tasks")
        .contains("READ").doesNotContain("UPDATE");
    assertThat(taskGrants(coordination).get("ts.audomarois")).contains("UPDATE");
    assertThat(EngineRest.as(port, "ts2.artois").get("/engine-rest/task/" + coordination).status()).isEqualTo(200);
    // read-only on the case itself, for the référent and the territory alike
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.PROCESS_INSTANCE)
        .resourceId(pathway.getId()).list())
        .isNotEmpty()
        .allSatisfy(grant -> assertThat(grant.isPermissionGranted(Permissions.UPDATE)).as(grant.toString()).isFalse());
  }

  /** The grants on a task: "user" or "group:id" → its permissions' names. */
  private Map<String, List<String>> taskGrants(String taskId) {
    Map<String, List<String>> grants = new java.util.TreeMap<>();
    for (var grant : engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.TASK)
        .resourceId(taskId).list()) {
      List<String> permissions = java.util.Arrays.stream(grant.getPermissions(Permissions.values()))
          .map(Permission::getName).toList();
      grants.put(grant.getUserId() != null ? grant.getUserId() : "group:" + grant.getGroupId(), permissions);
    }
    return grants;
  }

  /** The handover that a change of référent started for the case (same business key, own process). */
  private ProcessInstance handover(ProcessInstance pathway) {
    return engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("coordinator-handover").processInstanceBusinessKey(cases.businessKey(pathway))
        .singleResult();
  }
}
