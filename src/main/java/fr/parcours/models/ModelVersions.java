package fr.parcours.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import fr.parcours.engine.EngineCalls;
import fr.parcours.identity.Groups;
import fr.parcours.models.ModelContract.Processes;
import fr.parcours.web.Refusal;

/**
 * What managers see of the models' versions and how they move open cases to the latest one.
 * Managers have no right on cases: the versions show counts only (open cases per version and per
 * step), read without checks; a migration runs without checks, the manager remaining its author
 * (Camunda's user operation log records the batch with their id).
 */
@Service
public class ModelVersions {

  private static final Logger LOG = LoggerFactory.getLogger(ModelVersions.class);

  private final EngineCalls engine;

  public ModelVersions(EngineCalls engine) {
    this.engine = engine;
  }

  /** Every version of a process or decision the caller manages (shared ones, and their tenants'), newest first. */
  public List<Map<String, Object>> versions(Authentication caller, String key) {
    Set<String> tenants = managedTenants(caller);
    return engine.withoutChecks(caller, () -> {
      RepositoryService repository = repository();
      List<Map<String, Object>> versions = new ArrayList<>();
      List<ProcessDefinition> processes = repository.createProcessDefinitionQuery().processDefinitionKey(key)
          .orderByProcessDefinitionVersion().desc().list();
      for (ProcessDefinition definition : processes) {
        if (visible(definition.getTenantId(), tenants)) {
          Map<String, Object> version = describe(definition.getId(), definition.getVersion(), definition.getTenantId(),
              definition.getDeploymentId(), latest(processes.stream().filter(p -> same(p.getTenantId(), definition.getTenantId()))
                  .map(ProcessDefinition::getVersion).toList()) == definition.getVersion());
          version.put("openCases", runtime().createProcessInstanceQuery().processDefinitionId(definition.getId()).count());
          version.put("openSteps", openSteps(definition.getId()));
          versions.add(version);
        }
      }
      List<DecisionDefinition> decisions = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
          .orderByDecisionDefinitionVersion().desc().list();
      for (DecisionDefinition definition : decisions) {
        if (visible(definition.getTenantId(), tenants)) {
          versions.add(describe(definition.getId(), definition.getVersion(), definition.getTenantId(),
              definition.getDeploymentId(), latest(decisions.stream().filter(d -> same(d.getTenantId(), definition.getTenantId()))
                  .map(DecisionDefinition::getVersion).toList()) == definition.getVersion()));
        }
      }
      if (versions.isEmpty()) {
        throw Refusal.notFound("Aucun modèle « " + key + " » parmi ceux que vous gérez.");
      }
      return versions;
    });
  }

  /**
   * Moves the open cases of an older version of the pathway to the latest one, with the plan the
   * engine generates (same ids map to each other). Refused when an open step has no counterpart in
   * the latest version; a dry run shows the plan and changes nothing.
   */
  public Map<String, Object> migratePathway(Authentication caller, Integer fromVersion, boolean dryRun) {
    if (!isAdmin(caller) && !groups(caller).contains(Groups.MANAGERS)) {
      throw Refusal.forbidden("Réservé aux gestionnaires nationaux (groupe « " + Groups.MANAGERS + " ») et aux administrateurs.");
    }
    if (fromVersion == null) {
      throw Refusal.badRequest("Indiquez la version dont les dossiers ouverts passent à la dernière version : "
          + "{\"fromVersion\": 3, \"dryRun\": true}.");
    }
    return engine.withoutChecks(caller, () -> {
      ProcessDefinition target = repository().createProcessDefinitionQuery().processDefinitionKey(Processes.PATHWAY)
          .withoutTenantId().latestVersion().singleResult();
      ProcessDefinition source = repository().createProcessDefinitionQuery().processDefinitionKey(Processes.PATHWAY)
          .withoutTenantId().processDefinitionVersion(fromVersion).singleResult();
      if (source == null) {
        throw Refusal.badRequest("La version " + fromVersion + " du parcours n'existe pas.");
      }
      if (source.getId().equals(target.getId())) {
        throw Refusal.badRequest("La version " + fromVersion + " est la dernière version : rien à migrer.");
      }
      MigrationPlan plan = runtime().createMigrationPlan(source.getId(), target.getId())
          .mapEqualActivities().updateEventTriggers().build();
      Map<String, String> mapped = plan.getInstructions().stream().collect(Collectors.toMap(
          MigrationInstruction::getSourceActivityId, MigrationInstruction::getTargetActivityId, (a, b) -> a, LinkedHashMap::new));

      BpmnModelInstance sourceModel = repository().getBpmnModelInstance(source.getId());
      List<Map<String, Object>> steps = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (Map<String, Object> step : openSteps(source.getId())) {
        String activityId = (String) step.get("activityId");
        String counterpart = mapped.get(activityId);
        step.put("targetActivityId", counterpart);
        steps.add(step);
        if (counterpart == null) {
          problems.add("l'étape « " + name(sourceModel, activityId) + " » (" + activityId + ") est ouverte dans "
              + step.get("instances") + " dossier(s) et n'a pas d'équivalent dans la version " + target.getVersion());
        }
      }
      long openCases = runtime().createProcessInstanceQuery().processDefinitionId(source.getId()).count();
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("processDefinitionKey", Processes.PATHWAY);
      answer.put("fromVersion", source.getVersion());
      answer.put("toVersion", target.getVersion());
      answer.put("openCases", openCases);
      answer.put("openSteps", steps);
      answer.put("plan", plan.getInstructions().stream().map(i -> Map.of(
          "sourceActivityId", i.getSourceActivityId(), "targetActivityId", i.getTargetActivityId(),
          "updateEventTrigger", i.isUpdateEventTrigger())).toList());
      answer.put("dryRun", dryRun);
      if (!problems.isEmpty()) {
        throw Refusal.badRequest("Migration refusée : des étapes ouvertes n'ont pas d'équivalent dans la version "
            + target.getVersion() + " : " + String.join(" ; ", problems) + ".", problems);
      }
      if (!dryRun && openCases > 0) {
        Batch batch = runtime().newMigration(plan)
            .processInstanceQuery(runtime().createProcessInstanceQuery().processDefinitionId(source.getId()))
            .executeAsync();
        answer.put("batchId", batch.getId());
        LOG.info("Migration of {} open case(s) of pathway version {} to version {} by {}: batch {}", openCases,
            source.getVersion(), target.getVersion(), caller.getUserId(), batch.getId());
      }
      return answer;
    });
  }

  /** Open cases per step of a process version (counts only). */
  private List<Map<String, Object>> openSteps(String processDefinitionId) {
    List<Map<String, Object>> steps = new ArrayList<>();
    for (ActivityStatistics statistics : management().createActivityStatisticsQuery(processDefinitionId).list().stream()
        .sorted(Comparator.comparing(ActivityStatistics::getId)).toList()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("activityId", statistics.getId());
      step.put("instances", statistics.getInstances());
      steps.add(step);
    }
    return steps;
  }

  private Map<String, Object> describe(String id, int version, String tenantId, String deploymentId, boolean latest) {
    Deployment deployment = repository().createDeploymentQuery().deploymentId(deploymentId).singleResult();
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("id", id);
    described.put("version", version);
    described.put("tenantId", tenantId);
    described.put("latest", latest);
    described.put("deploymentId", deploymentId);
    described.put("deploymentName", deployment == null ? null : deployment.getName());
    described.put("deploymentSource", deployment == null ? null : deployment.getSource());
    described.put("deploymentTime", deployment == null ? null : deployment.getDeploymentTime());
    described.put("fromApplication", deployment != null && ApplicationModelsDeployer.NAME.equals(deployment.getName()));
    return described;
  }

  /** Null: every tenant (administrators, national managers read every département's tables). */
  private static Set<String> managedTenants(Authentication caller) {
    List<String> groups = groups(caller);
    if (isAdmin(caller) || groups.contains(Groups.MANAGERS)) {
      return null;
    }
    Set<String> tenants = groups.stream().filter(g -> g.startsWith(Groups.MANAGERS + "-"))
        .map(g -> g.substring(Groups.MANAGERS.length() + 1)).collect(Collectors.toSet());
    if (tenants.isEmpty()) {
      throw Refusal.forbidden("Réservé aux gestionnaires des modèles et aux administrateurs.");
    }
    return tenants;
  }

  private static boolean visible(String tenantId, Set<String> tenants) {
    return tenants == null || tenantId == null || tenants.contains(tenantId);
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  private static int latest(List<Integer> versions) {
    return versions.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  private static String name(BpmnModelInstance model, String activityId) {
    FlowElement element = model.getModelElementById(activityId);
    return element == null || element.getName() == null ? activityId : element.getName();
  }

  private static boolean isAdmin(Authentication caller) {
    return groups(caller).contains(Groups.ADMINS);
  }

  private static List<String> groups(Authentication caller) {
    if (caller == null || caller.getUserId() == null) {
      throw Refusal.unauthorized();
    }
    return caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
  }

  private RepositoryService repository() {
    return processEngine().getRepositoryService();
  }

  private RuntimeService runtime() {
    return processEngine().getRuntimeService();
  }

  private ManagementService management() {
    return processEngine().getManagementService();
  }

  private ProcessEngine processEngine() {
    return engine.engine();
  }
}
