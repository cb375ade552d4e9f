package fr.parcours.models;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.entity.CamundaFormDefinitionManager;
import org.camunda.bpm.engine.impl.form.handler.DefaultFormHandler;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.parcours.identity.Groups;
import fr.parcours.models.ContractCheck.Resource;

/**
 * Refuses, inside the engine, a deployment that would break the démarche — whichever door it
 * comes through (Camunda Modeler over {@code /engine-rest}, Cockpit, Java): a pre-deployer runs in
 * the deployment's own transaction, before any definition is parsed, so a refusal deploys nothing.
 *
 * <ul>
 * <li>who: a shared (national) deployment needs the group {@code gestionnaires}, a tenant's
 * deployment {@code gestionnaires-<tenant>}; an administrator may do both (403 otherwise);</li>
 * <li>what: a tenant's deployment carries decision tables only (forms are bound {@code latest},
 * which a form id present in two tenants would break);</li>
 * <li>the model: every user task has a form that resolves for new cases (in this deployment or
 * already deployed for everyone), and an assignee or a candidate group; the {@link ModelContract}
 * is kept ({@link ContractCheck}).</li>
 * </ul>
 * Every problem is listed in one French message (400). The application's own deployments at start
 * (no authenticated user) get the same model checks.
 */
public class ModelDeploymentCheck implements Deployer {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return; // a definition cache being rebuilt, not a deployment
    }
    CommandContext commandContext = Context.getCommandContext();
    Map<String, ResourceEntity> resources = deployment.getResources() == null ? Map.of() : deployment.getResources();
    checkWho(commandContext.getAuthentication(), deployment.getTenantId(), resources.keySet());

    List<String> problems = new ArrayList<>();
    List<Resource> models = resources.values().stream()
        .map(resource -> new Resource(resource.getName(), resource.getBytes())).toList();
    if (deployment.getTenantId() != null) {
      models.stream().map(Resource::name).filter(name -> !isDecision(name)).forEach(name -> problems.add(fileName(name)
          + " : un déploiement pour un département (« " + deployment.getTenantId() + " ») ne contient que ses tables de "
          + "décision (.dmn) ; les processus et les formulaires sont nationaux, déployés sans département."));
    }
    Set<String> formsHere = formIds(models);
    for (Resource model : models) {
      if (isProcess(model.name())) {
        problems.addAll(userTaskProblems(model, formsHere, commandContext));
      }
    }
    problems.addAll(ContractCheck.problems(models));
    if (!problems.isEmpty()) {
      throw new ModelDeploymentRefusedException(problems);
    }
  }

  /** 403 unless the authenticated user manages what is deployed (no user: the application itself). */
  static void checkWho(Authentication authentication, String tenantId, Collection<String> resourceNames) {
    if (authentication == null || authentication.getUserId() == null) {
      return;
    }
    List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    if (groups.contains(Groups.ADMINS)) {
      return;
    }
    if (tenantId == null) {
      if (!groups.contains(Groups.MANAGERS)) {
        throw new AuthorizationException("Déploiement refusé : les modèles nationaux (processus, formulaires, "
            + "tables de décision partagées) sont déployés par les gestionnaires nationaux (groupe « " + Groups.MANAGERS
            + " »). Un gestionnaire départemental déploie ses tables de décision pour son département "
            + "(champ « Tenant ID » de Camunda Modeler).");
      }
    } else if (!groups.contains(Groups.managers(tenantId))) {
      throw new AuthorizationException("Déploiement refusé : vous n'êtes pas gestionnaire du département « "
          + tenantId + " » (groupe « " + Groups.managers(tenantId) + " »).");
    }
  }

  /** Each user task: a form that resolves, and someone to do it. */
  private static List<String> userTaskProblems(Resource model, Set<String> formsHere, CommandContext commandContext) {
    List<String> problems = new ArrayList<>();
    BpmnModelInstance bpmn;
    try {
      bpmn = Bpmn.readModelFromStream(new ByteArrayInputStream(model.bytes()));
    } catch (RuntimeException e) {
      return problems; // the engine's own parser reports it
    }
    String file = fileName(model.name());
    for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
      String where = file + ", tâche " + label(task);
      String formProblem = formProblem(task.getCamundaFormRef(), task.getCamundaFormRefBinding(),
          task.getCamundaFormRefVersion(), task.getCamundaFormKey(), formsHere, commandContext);
      if (formProblem != null) {
        problems.add(where + " : " + formProblem);
      }
      if (blank(task.getCamundaAssignee()) && blank(task.getCamundaCandidateGroups())
          && blank(task.getCamundaCandidateUsers())) {
        problems.add(where + " : personne ne peut la faire ; indiquez un responsable (Assignee, par exemple "
            + "${coordinatorId}) ou un groupe candidat (Candidate groups, par exemple ts-${territory}).");
      }
    }
    for (StartEvent start : bpmn.getModelElementsByType(StartEvent.class)) {
      if (start.getParentElement() instanceof Process && !blank(start.getCamundaFormRef())) {
        String formProblem = formProblem(start.getCamundaFormRef(), start.getCamundaFormRefBinding(),
            start.getCamundaFormRefVersion(), null, formsHere, commandContext);
        if (formProblem != null) {
          problems.add(file + ", début " + label(start) + " : " + formProblem);
        }
      }
    }
    return problems;
  }

  /** Why the form of a step would not show for new cases, or null when it resolves. */
  private static String formProblem(String formRef, String binding, String version, String formKey,
      Set<String> formsHere, CommandContext commandContext) {
    if (blank(formRef)) {
      return blank(formKey)
          ? "elle n'a pas de formulaire ; liez-lui un formulaire Camunda (Form › Type « Camunda Form (linked) », "
              + "Form ID = l'identifiant du formulaire, Binding « latest »)."
          : null;
    }
    if (formRef.contains("${") || formRef.contains("#{")) {
      return null; // resolved per case
    }
    String bindingUsed = blank(binding) ? DefaultFormHandler.FORM_REF_BINDING_LATEST : binding;
    CamundaFormDefinitionManager forms = commandContext.getCamundaFormDefinitionManager();
    boolean resolves = switch (bindingUsed) {
      case DefaultFormHandler.FORM_REF_BINDING_DEPLOYMENT -> formsHere.contains(formRef);
      case DefaultFormHandler.FORM_REF_BINDING_VERSION -> version != null && version.matches("\\d+")
          && forms.findDefinitionByKeyVersionAndTenantId(formRef, Integer.valueOf(version), null) != null;
      default -> formsHere.contains(formRef) || forms.findLatestDefinitionByKeyAndTenantId(formRef, null) != null;
    };
    if (resolves) {
      return null;
    }
    if (DefaultFormHandler.FORM_REF_BINDING_DEPLOYMENT.equals(bindingUsed)) {
      return "le formulaire « " + formRef + " » est lié avec Binding « deployment » mais n'est pas dans ce "
          + "déploiement : aucun nouveau dossier n'afficherait ce formulaire. Choisissez Binding « latest » "
          + "ou déployez le formulaire avec le modèle.";
    }
    return "le formulaire « " + formRef + " »" + (DefaultFormHandler.FORM_REF_BINDING_VERSION.equals(bindingUsed)
        ? " en version « " + version + " »" : "")
        + " n'est ni dans ce déploiement ni déjà déployé : déployez le fichier « " + formRef
        + ".form » avec le modèle.";
  }

  private static Set<String> formIds(List<Resource> models) {
    Set<String> ids = new LinkedHashSet<>();
    for (Resource model : models) {
      if (model.name().endsWith(".form")) {
        try {
          JsonNode form = JSON.readTree(model.bytes());
          if (form.hasNonNull("id")) {
            ids.add(form.get("id").asText());
          }
        } catch (java.io.IOException | RuntimeException e) {
          // the contract check and the engine's form deployer report an unreadable form
        }
      }
    }
    return ids;
  }

  private static String label(BaseElement element) {
    String name = element.getAttributeValue("name");
    return blank(name) ? "« " + element.getId() + " »" : "« " + name + " » (" + element.getId() + ")";
  }

  private static boolean isProcess(String name) {
    return name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml");
  }

  private static boolean isDecision(String name) {
    return name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String fileName(String name) {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return slash < 0 ? name : name.substring(slash + 1);
  }
}
