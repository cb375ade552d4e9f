package fr.parcours.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Deploys the models of the application's jar ({@code camunda.bpm.deployment-resource-pattern})
 * in place of the starter's auto-deployment, with one rule: <b>a model of the jar is deployed only
 * when it changed since the jar's last deployment of it</b> ("deploy changed only", compared with
 * the deployments named {@value #NAME}). A restart therefore never replaces the newer version a
 * manager deployed from Camunda Modeler; a new release of the application whose model changed does,
 * and says so in the log, naming the jar's previous version, the new one and the version it
 * replaces for new cases.
 */
@Component
public class ApplicationModelsDeployer extends AbstractProcessEnginePlugin {

  /** Name and source of the application's own deployments. */
  public static final String NAME = "parcours";
  public static final String SOURCE = "parcours-application";

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationModelsDeployer.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    // runs inside buildProcessEngine, before the starter's auto-deployment, which then has nothing to do
    if (!(engine.getProcessEngineConfiguration() instanceof SpringTransactionsProcessEngineConfiguration spring)) {
      return;
    }
    Resource[] resources = spring.getDeploymentResources();
    spring.setDeploymentResources(new Resource[0]);
    if (resources != null && resources.length > 0) {
      deploy(engine.getRepositoryService(), resources);
    }
  }

  /** Deploys what changed since the jar's last deployment and logs, per model, which version new cases use. */
  public static void deploy(RepositoryService repository, Resource[] resources) {
    Map<String, ResourceDefinition> before = latestShared(repository);
    DeploymentBuilder builder = repository.createDeployment().name(NAME).source(SOURCE).enableDuplicateFiltering(true);
    for (Resource resource : resources) {
      try (InputStream in = resource.getInputStream()) {
        builder.addInputStream(resourceName(resource), in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    builder.deploy();
    Set<String> applicationDeployments = repository.createDeploymentQuery().deploymentName(NAME).list().stream()
        .map(Deployment::getId).collect(Collectors.toSet());
    Map<String, ResourceDefinition> after = latestShared(repository);
    for (Map.Entry<String, ResourceDefinition> latest : after.entrySet()) {
      String key = latest.getKey();
      ResourceDefinition now = latest.getValue();
      ResourceDefinition previous = before.get(key);
      ResourceDefinition jars = jarsLatest(repository, key, null, applicationDeployments);
      boolean deployedNow = previous == null || !previous.getId().equals(now.getId());
      if (deployedNow) {
        LOG.info("Model {}: {}; deployed as version {}{}",
            key, jarsPrevious(repository, key, now, applicationDeployments), now.getVersion(),
            previous == null || applicationDeployments.contains(previous.getDeploymentId()) ? ""
                : ", replacing for new cases version " + previous.getVersion() + " deployed from "
                    + describe(repository, previous.getDeploymentId()));
      } else if (jars != null && !applicationDeployments.contains(now.getDeploymentId())) {
        LOG.info("Model {}: the application's version {} is unchanged; new cases keep version {}, deployed from {}",
            key, jars.getVersion(), now.getVersion(),
            describe(repository, now.getDeploymentId()));
      }
    }
  }

  /** The latest shared (tenant-less) process and decision definitions, by key. */
  static Map<String, ResourceDefinition> latestShared(RepositoryService repository) {
    Map<String, ResourceDefinition> latest = new LinkedHashMap<>();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().withoutTenantId().latestVersion().list()) {
      latest.put(definition.getKey(), definition);
    }
    for (DecisionDefinition definition : repository.createDecisionDefinitionQuery().withoutTenantId().latestVersion().list()) {
      latest.put(definition.getKey(), definition);
    }
    return latest;
  }

  /** The jar's latest version of a key, other than {@code except}. */
  private static ResourceDefinition jarsLatest(RepositoryService repository, String key, ResourceDefinition except,
      Set<String> applicationDeployments) {
    return versions(repository, key).stream()
        .filter(d -> applicationDeployments.contains(d.getDeploymentId()))
        .filter(d -> except == null || !d.getId().equals(except.getId()))
        .findFirst().orElse(null);
  }

  private static String jarsPrevious(RepositoryService repository, String key, ResourceDefinition now,
      Set<String> applicationDeployments) {
    ResourceDefinition previous = jarsLatest(repository, key, now, applicationDeployments);
    return previous == null ? "first deployment of the application's model"
        : "the application's model changed since its last deployment (its previous deployment: version " + previous.getVersion() + ")";
  }

  /** Every shared version of a process or decision key, newest first. */
  static java.util.List<? extends ResourceDefinition> versions(RepositoryService repository, String key) {
    java.util.List<ProcessDefinition> processes = repository.createProcessDefinitionQuery().processDefinitionKey(key)
        .withoutTenantId().orderByProcessDefinitionVersion().desc().list();
    if (!processes.isEmpty()) {
      return processes;
    }
    return repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).withoutTenantId()
        .orderByDecisionDefinitionVersion().desc().list();
  }

  private static String describe(RepositoryService repository, String deploymentId) {
    Deployment deployment = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
    return deployment == null ? deploymentId
        : "deployment '" + deployment.getName() + "' (" + (deployment.getSource() == null ? "no source" : deployment.getSource())
            + ", " + deployment.getDeploymentTime().toInstant() + ")";
  }

  /** {@code bpmn/pathway.bpmn}, {@code forms/referral.form}: the same on every machine, in a jar or not. */
  static String resourceName(Resource resource) {
    try {
      String url = resource.getURL().toString();
      String[] parts = url.split("/");
      return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : resource.getFilename();
    } catch (IOException e) {
      return resource.getFilename();
    }
  }
}
