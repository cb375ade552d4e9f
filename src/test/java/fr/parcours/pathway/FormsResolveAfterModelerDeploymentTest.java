package fr.parcours.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import fr.parcours.models.Modeler;
import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * The walk of {@link FormsResolveTest}, on a pathway a national manager deployed alone from Camunda
 * Modeler (one changed {@code pathway.bpmn}, no form): new cases start on that version and every
 * step still shows its form (forms are bound {@code latest}, whichever deployment brought them).
 */
@ParcoursTest
class FormsResolveAfterModelerDeploymentTest extends FormsResolveTest {

  String deploymentId;

  @BeforeEach
  void deployPathwayAlone() {
    String pathway = Modeler.text("bpmn/pathway.bpmn").replace("name=\"Saisine\"", "name=\"Saisine du dossier\"");
    EngineRest.Response deployed = Modeler.deploy(port, "gestionnaire", null, Modeler.files("pathway.bpmn", pathway));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    deploymentId = deployed.json().path("id").asText();

    ProcessDefinition latest = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("pathway").withoutTenantId().latestVersion().singleResult();
    assertThat(latest.getDeploymentId()).as("new cases start on the manager's version").isEqualTo(deploymentId);
    assertThat(engine.getRepositoryService().getDeploymentResourceNames(deploymentId)).containsExactly("pathway.bpmn");
  }

  @AfterEach
  void removeTheManagersVersion() {
    if (deploymentId != null) {
      engine.getRepositoryService().deleteDeployment(deploymentId, true);
    }
  }
}
