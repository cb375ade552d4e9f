package fr.parcours.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

import fr.parcours.ParcoursApplication;
import fr.parcours.models.ModelContract.Processes;
import fr.parcours.identity.Groups;
import fr.parcours.support.AnotherApplication;
import fr.parcours.support.TestProfiles;

/**
 * A restart never replaces a manager's newer version with the jar's: the application is started,
 * a manager deploys a changed pathway from Modeler, the application is stopped and started again on
 * the same database — new cases keep the manager's version, and the log says so, naming both
 * versions. A new release whose pathway changed is deployed, and replaces it, with a log line naming
 * the jar's previous version, the new one and the manager's.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApplicationRestartTest {

  @Test
  void aRestartKeepsTheManagersVersionAndANewReleaseReplacesIt(CapturedOutput output, @TempDir Path release) throws IOException {
    List<String> created = new ArrayList<>();
    String managersDeployment;
    int jarsVersion;
    try (AnotherApplication first = start("restartFirst")) {
      RepositoryService repository = first.getBean(ProcessEngine.class).getRepositoryService();
      jarsVersion = latestPathway(repository).getVersion();
      // as Modeler's deployment over /engine-rest does (the REST API serves the suite's engine, "default")
      String pathway = Modeler.text("bpmn/pathway.bpmn").replace("name=\"Saisine\"", "name=\"Saisine (version locale)\"");
      IdentityService identity = first.getBean(ProcessEngine.class).getIdentityService();
      identity.setAuthentication("gestionnaire", List.of(Groups.MANAGERS));
      try {
        managersDeployment = repository.createDeployment().name("modeler-pathway.bpmn").source("Camunda Modeler")
            .enableDuplicateFiltering(true).addString("pathway.bpmn", pathway).deploy().getId();
      } finally {
        identity.clearAuthentication();
      }
      created.add(managersDeployment);
    }

    try (AnotherApplication second = start("restartSecond")) {
      RepositoryService repository = second.getBean(ProcessEngine.class).getRepositoryService();
      try {
        ProcessDefinition kept = latestPathway(repository);
        assertThat(kept.getDeploymentId()).as("new cases keep the manager's version").isEqualTo(managersDeployment);
        assertThat(output.getOut()).contains("Model pathway: the application's version " + jarsVersion
            + " is unchanged; new cases keep version " + kept.getVersion() + ", deployed from deployment 'modeler-pathway.bpmn' (Camunda Modeler");

        // a new release of the application, its pathway changed
        Path bpmn = Files.createDirectories(release.resolve("bpmn")).resolve("pathway.bpmn");
        Files.writeString(bpmn, Modeler.text("bpmn/pathway.bpmn").replace("name=\"Saisine\"", "name=\"Saisine (nouvelle version)\""),
            StandardCharsets.UTF_8);
        ApplicationModelsDeployer.deploy(repository, new Resource[] {new FileSystemResource(bpmn),
            new FileSystemResource(Path.of("bpmn/technical-committee.bpmn").toAbsolutePath())});
        ProcessDefinition released = latestPathway(repository);
        created.add(released.getDeploymentId());
        assertThat(released.getVersion()).isEqualTo(kept.getVersion() + 1);
        assertThat(output.getOut()).contains("Model pathway: the application's model changed since its last deployment "
            + "(its previous deployment: version " + jarsVersion + "); deployed as version " + released.getVersion()
            + ", replacing for new cases version " + kept.getVersion() + " deployed from deployment 'modeler-pathway.bpmn'");
        assertThat(repository.getDeploymentResourceNames(released.getDeploymentId()))
            .as("only what changed is deployed").containsExactly("bpmn/pathway.bpmn");
      } finally {
        created.forEach(id -> repository.deleteDeployment(id, true));
      }
      assertThat(latestPathway(repository).getVersion()).isEqualTo(jarsVersion);
    }
  }

  static ProcessDefinition latestPathway(RepositoryService repository) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(Processes.PATHWAY).withoutTenantId()
        .latestVersion().singleResult();
  }

  /** The application on the suite's database (H2 or PostgreSQL), as an engine of its own name. */
  static AnotherApplication start(String engineName) {
    String[] arguments = Stream.of(
        "--spring.profiles.active=" + String.join(",", new TestProfiles().resolve(ApplicationRestartTest.class)),
        "--camunda.bpm.process-engine-name=" + engineName,
        "--PORT=0").toArray(String[]::new);
    return AnotherApplication.start(new SpringApplicationBuilder(ParcoursApplication.class).web(WebApplicationType.SERVLET), arguments);
  }
}
