package fr.parcours.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.models.ModelContract.Processes;
import fr.parcours.models.ModelContract.Tasks;
import fr.parcours.support.Cases;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * Managers deploy from Camunda Modeler (multipart over {@code /engine-rest}, HTTP Basic): what keeps
 * the démarche working is accepted and used by new cases; what would break it is refused with a
 * French message listing every problem, and nothing is deployed. Every deployment a test makes is
 * removed after it (the suite shares one database).
 */
@ParcoursTest
class ModelerDeploymentTest {

  static final String HOME_VISIT_FORM = """
      {"id": "homeVisit", "type": "default", "schemaVersion": 16,
       "executionPlatform": "Camunda Platform", "executionPlatformVersion": "7.24.0",
       "components": [{"id": "visitNotes_field", "type": "textarea", "label": "Compte rendu de la visite",
                       "key": "visitNotes", "validate": {"required": true}}]}
      """;

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Cases cases;
  final List<String> deployed = new ArrayList<>();

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
  }

  @AfterEach
  void removeDeployments() {
    deployed.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
  }

  @Test
  void aChangedPathwayWithANewStepAndItsFormIsWalkedByANewCaseWithTheNewFormEnforcedOnTheServer() {
    EngineRest.Response response = deploy("gestionnaire", null,
        Modeler.files("pathway.bpmn", pathwayWithHomeVisit(HOME_VISIT + " camunda:candidateGroups=\"ts-${territory}\""), "homeVisit.form", HOME_VISIT_FORM));
    assertThat(response.status()).as(response.body()).isEqualTo(200);

    ProcessInstance pathway = cases.start(Cases.referral("artois"));
    assertThat(engine.getRepositoryService().getProcessDefinition(pathway.getProcessDefinitionId()).getDeploymentId())
        .isEqualTo(response.json().path("id").asText());
    cases.complete(pathway, Tasks.RECORD_CONSENT, Cases.consent(true, "ts2.artois"));

    Task visit = cases.task(pathway, "homeVisit");
    assertThat(visit).as("the new step is reached").isNotNull();
    EngineRest.Response form = EngineRest.as(port, "ts.artois").get("/engine-rest/task/" + visit.getId() + "/deployed-form");
    assertThat(form.status()).as(form.body()).isEqualTo(200);
    assertThat(form.json().path("id").asText()).isEqualTo("homeVisit");

    // the new step's form is enforced on the server, with no code change: its required textarea...
    EngineRest worker = EngineRest.as(port, "ts.artois");
    EngineRest.Response empty = worker.complete(visit.getId(), Map.of());
    assertThat(empty.status()).as(empty.body()).isEqualTo(400);
    assertThat(empty.json().path("message").asText())
        .isEqualTo("Saisie refusée (Visite à domicile) : « Compte rendu de la visite » est obligatoire");
    // ...and nothing but its fields
    EngineRest.Response extra = worker.complete(visit.getId(),
        Map.of("visitNotes", "Visite faite.", "coordinatorId", "ts.artois"));
    assertThat(extra.status()).as(extra.body()).isEqualTo(400);
    assertThat(extra.json().path("message").asText()).contains("« coordinatorId » n'est pas un champ du formulaire");
    assertThat(engine.getTaskService().createTaskQuery().taskId(visit.getId()).count()).as("still open").isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariables(pathway.getId())).doesNotContainKeys("visitNotes", "coordinatorId");

    EngineRest.Response done = worker.complete(visit.getId(), Map.of("visitNotes", "Visite faite avec la personne."));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(engine.getRuntimeService().getVariable(pathway.getId(), "visitNotes")).isEqualTo("Visite faite avec la personne.");
    assertThat(cases.task(pathway, Tasks.GLOBAL_DIAGNOSTIC)).as("the démarche goes on").isNotNull();
  }

  @Test
  void aRenamedContractTaskIsRefusedAndNothingIsDeployed() {
    String renamed = Modeler.text("bpmn/pathway.bpmn")
        .replace("=\"signAgreement\"", "=\"signContract\"").replace(">signAgreement<", ">signContract<");

    assertRefused("gestionnaire", null, Modeler.files("pathway.bpmn", renamed), 400,
        "pathway.bpmn, processus « pathway » : il manque la tâche utilisateur « signAgreement » (identifiant supprimé ou renommé). "
            + "L'application s'en sert pour : le décompte des admissions, le contrat signé (PDF), les relances.");
  }

  @Test
  void aNewStepWithoutItsFormNorAnyoneToDoItIsRefusedWithEveryProblem() {
    String pathway = pathwayWithHomeVisit(HOME_VISIT);

    EngineRest.Response response = assertRefused("gestionnaire", null, Modeler.files("pathway.bpmn", pathway), 400,
        "pathway.bpmn, tâche « Visite à domicile » (homeVisit) : le formulaire « homeVisit » n'est ni dans ce déploiement "
            + "ni déjà déployé",
        "pathway.bpmn, tâche « Visite à domicile » (homeVisit) : personne ne peut la faire");
    assertThat(response.json().path("problems")).hasSize(2);
  }

  @Test
  void aFormBoundToItsDeploymentThatIsNotInItIsRefused() {
    String pathway = Modeler.text("bpmn/pathway.bpmn").replace(
        "camunda:formRef=\"recordConsent\" camunda:formRefBinding=\"latest\"",
        "camunda:formRef=\"recordConsent\" camunda:formRefBinding=\"deployment\"");

    assertRefused("gestionnaire", null, Modeler.files("pathway.bpmn", pathway), 400,
        "le formulaire « recordConsent » est lié avec Binding « deployment » mais n'est pas dans ce déploiement");
  }

  @Test
  void aFormThatLosesAContractFieldIsRefused() {
    String form = Modeler.text("forms/holdCommittee.form").replace("\"key\": \"coordinatorId\"", "\"key\": \"referent\"");

    assertRefused("gestionnaire", null, Modeler.files("holdCommittee.form", form), 400,
        "holdCommittee.form : le formulaire « holdCommittee » n'a plus le champ « coordinatorId »");
  }

  @Test
  void anEligibilityTableWithoutItsOutputsIsRefused() {
    String table = Modeler.text("bpmn/eligibility.dmn").replace("name=\"orientation\"", "name=\"proposition\"");

    assertRefused("gestionnaire.bas-rhin", "bas-rhin", Modeler.files("eligibility.dmn", table), 400,
        "eligibility.dmn : la table de décision « eligibility » n'a pas la sortie « orientation »");
  }

  @Test
  void aDepartementsManagerDeploysForTheirTenantOnly() {
    byte[] table = Modeler.file("bpmn/eligibility.dmn");

    assertRefused("gestionnaire.pas-de-calais", "bas-rhin", Modeler.files("eligibility.dmn", table), 403,
        "vous n'êtes pas gestionnaire du département « bas-rhin »");
    assertRefused("gestionnaire.pas-de-calais", null, Modeler.files("eligibility.dmn", table), 403,
        "les modèles nationaux (processus, formulaires, tables de décision partagées) sont déployés par les gestionnaires nationaux");
    assertRefused("gestionnaire.pas-de-calais", "pas-de-calais", Modeler.files("pathway.bpmn", Modeler.file("bpmn/pathway.bpmn")),
        400, "pathway.bpmn : un déploiement pour un département (« pas-de-calais ») ne contient que ses tables de décision");
    assertRefused("ts.artois", null, Modeler.files("eligibility.dmn", table), 403, "");
  }

  @Test
  void aDepartementsTableIsUsedByItsCasesOnly() {
    // Bas-Rhin asks three interveners where the national table asks two
    String stricter = Modeler.text("bpmn/eligibility.dmn").replace("<text>&gt;= 2</text>", "<text>&gt;= 3</text>");
    assertThat(stricter).isNotEqualTo(Modeler.text("bpmn/eligibility.dmn"));
    ProcessInstance before = cases.start(Cases.referral("strasbourg"));
    assertThat(cases.task(before, Tasks.RECORD_CONSENT)).as("eligible by the national table").isNotNull();

    EngineRest.Response response = deploy("gestionnaire.bas-rhin", "bas-rhin", Modeler.files("eligibility.dmn", stricter));
    assertThat(response.status()).as(response.body()).isEqualTo(200);

    ProcessInstance strasbourg = cases.start(Cases.referral("strasbourg"));
    assertThat(cases.task(strasbourg, Tasks.REDIRECT_REFERRAL)).as("not eligible by the Bas-Rhin table").isNotNull();
    ProcessInstance artois = cases.start(Cases.referral("artois"));
    assertThat(cases.task(artois, Tasks.RECORD_CONSENT)).as("Pas-de-Calais keeps its own table").isNotNull();
  }

  @Test
  void managersReadTheModelsAndNoCase() {
    cases.start(Cases.referral("artois"));
    for (String manager : List.of("gestionnaire", "gestionnaire.pas-de-calais")) {
      EngineRest rest = EngineRest.as(port, manager);
      assertThat(rest.get("/engine-rest/process-definition?key=pathway").json()).as(manager).isNotEmpty();
      assertThat(rest.get("/engine-rest/decision-definition?key=eligibility").json()).as(manager).isNotEmpty();
      assertThat(rest.get("/engine-rest/deployment").json()).as(manager).isNotEmpty();
      assertThat(rest.get("/engine-rest/process-instance?processDefinitionKey=pathway").json()).as(manager).isEmpty();
      assertThat(rest.get("/engine-rest/task").json()).as(manager).isEmpty();
      assertThat(rest.get("/engine-rest/history/process-instance?processDefinitionKey=pathway").json()).as(manager).isEmpty();
    }
  }

  // ---

  EngineRest.Response deploy(String user, String tenantId, Map<String, byte[]> files) {
    EngineRest.Response response = Modeler.deploy(port, user, tenantId, files);
    if (response.status() == 200) {
      deployed.add(response.json().path("id").asText());
    }
    return response;
  }

  /** Refused with that status and message parts, and nothing deployed. */
  EngineRest.Response assertRefused(String user, String tenantId, Map<String, byte[]> files, int status, String... parts) {
    List<String> deploymentsBefore = deploymentIds();
    String latestBefore = latestPathway().getId();

    EngineRest.Response response = deploy(user, tenantId, files);

    assertThat(response.status()).as(response.body()).isEqualTo(status);
    String message = response.json().path("message").asText();
    for (String part : parts) {
      assertThat(message).as(response.body()).contains(part);
    }
    assertThat(deploymentIds()).as("nothing deployed").isEqualTo(deploymentsBefore);
    assertThat(latestPathway().getId()).isEqualTo(latestBefore);
    return response;
  }

  List<String> deploymentIds() {
    return engine.getRepositoryService().createDeploymentQuery().list().stream().map(Deployment::getId).sorted().toList();
  }

  ProcessDefinition latestPathway() {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(Processes.PATHWAY)
        .withoutTenantId().latestVersion().singleResult();
  }

  static final String HOME_VISIT = "camunda:formRef=\"homeVisit\" camunda:formRefBinding=\"latest\"";

  /** pathway.bpmn with a step « Visite à domicile » (these attributes) between consent and diagnostic. */
  static String pathwayWithHomeVisit(String attributes) {
    String task = "<bpmn:userTask id=\"homeVisit\" name=\"Visite à domicile\" " + attributes + ">\n"
        + "      <bpmn:incoming>consentCheckedYes</bpmn:incoming>\n"
        + "      <bpmn:outgoing>homeVisitToGlobalDiagnostic</bpmn:outgoing>\n"
        + "    </bpmn:userTask>\n"
        + "    <bpmn:sequenceFlow id=\"homeVisitToGlobalDiagnostic\" sourceRef=\"homeVisit\" targetRef=\"globalDiagnostic\" />\n";
    String pathway = Modeler.text("bpmn/pathway.bpmn")
        .replace("sourceRef=\"consentChecked\" targetRef=\"globalDiagnostic\"", "sourceRef=\"consentChecked\" targetRef=\"homeVisit\"")
        .replace("<bpmn:incoming>consentCheckedYes</bpmn:incoming>\n      <bpmn:outgoing>globalDiagnosticToSecondWorkerChecked",
            "<bpmn:incoming>homeVisitToGlobalDiagnostic</bpmn:incoming>\n      <bpmn:outgoing>globalDiagnosticToSecondWorkerChecked")
        .replace("  </bpmn:process>", "  " + task + "  </bpmn:process>");
    assertThat(pathway).contains("targetRef=\"homeVisit\"", "<bpmn:incoming>homeVisitToGlobalDiagnostic</bpmn:incoming>");
    return pathway;
  }
}
