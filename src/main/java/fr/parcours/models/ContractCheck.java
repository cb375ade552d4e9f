package fr.parcours.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.parcours.models.ModelContract.Kind;
import fr.parcours.models.ModelContract.Requirement;

/**
 * Checks the models of one deployment against the {@link ModelContract}: what the application
 * relies on must still be there, under the same identifiers. Reads the resources as they are
 * (BPMN, DMN, Camunda Form JSON), without the engine; answers the problems in French, one per
 * missing or renamed identifier.
 */
public final class ContractCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ContractCheck() {
  }

  /** One resource of a deployment: its name and its content. */
  public record Resource(String name, byte[] bytes) {
  }

  /** The problems of these resources, empty when they keep the contract. */
  public static List<String> problems(Collection<Resource> resources) {
    Set<String> problems = new LinkedHashSet<>();
    for (Resource resource : resources) {
      String name = resource.name();
      String file = fileName(name);
      try {
        if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
          checkBpmn(file, resource.bytes(), problems);
        } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
          checkDmn(file, resource.bytes(), problems);
        } else if (name.endsWith(".form")) {
          checkForm(file, resource.bytes(), problems);
        }
      } catch (RuntimeException | IOException e) {
        problems.add(file + " : le fichier ne peut pas être lu (" + e.getMessage() + ").");
      }
    }
    return new ArrayList<>(problems);
  }

  private static void checkBpmn(String file, byte[] bytes, Set<String> problems) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
    Collection<Process> processes = model.getModelElementsByType(Process.class);
    String expectedKey = stem(file);
    boolean contractFile = ModelContract.REQUIRED.stream()
        .anyMatch(r -> r.kind() == Kind.PROCESS && r.id().equals(expectedKey));
    if (contractFile && processes.stream().noneMatch(p -> expectedKey.equals(p.getId()))) {
      problems.add(file + " : il manque le processus « " + expectedKey + " » (identifiant supprimé ou renommé, trouvé : "
          + String.join(", ", processes.stream().map(Process::getId).toList()) + "). L'application s'en sert pour : "
          + reasonOf(Kind.PROCESS, expectedKey, expectedKey) + ".");
    }
    for (Process process : processes) {
      List<FlowNode> nodes = model.getModelElementsByType(FlowNode.class).stream()
          .filter(node -> process.equals(processOf(node))).toList();
      for (Requirement required : ModelContract.ofProcess(process.getId())) {
        if (required.kind() != Kind.PROCESS && nodes.stream().noneMatch(matcher(required))) {
          problems.add(file + ", processus « " + process.getId() + " » : il manque " + describe(required)
              + " (identifiant supprimé ou renommé). L'application s'en sert pour : " + required.reason() + ".");
        }
      }
    }
  }

  private static String describe(Requirement required) {
    return switch (required.kind()) {
      case CALL -> "l'appel du processus « " + required.id() + " »";
      case DECISION -> "l'appel de la table de décision « " + required.id() + " »";
      case MESSAGE -> "le message « " + required.id() + " »";
      case START_FORM -> "le formulaire de démarrage « " + required.id() + " »";
      case TIMER -> "la minuterie « " + required.id() + " »";
      case USER_TASK -> "la tâche utilisateur « " + required.id() + " »";
      case SERVICE_TASK -> "la tâche de service « " + required.id() + " »";
      case END_EVENT -> "l'événement de fin « " + required.id() + " »";
      default -> required.kind().label() + " « " + required.id() + " »";
    };
  }

  private static Predicate<FlowNode> matcher(Requirement required) {
    String id = required.id();
    return switch (required.kind()) {
      case USER_TASK -> node -> node instanceof UserTask && id.equals(node.getId());
      case SERVICE_TASK -> node -> node instanceof ServiceTask && id.equals(node.getId());
      case END_EVENT -> node -> node instanceof EndEvent && id.equals(node.getId());
      case TIMER -> node -> id.equals(node.getId())
          && (node instanceof IntermediateCatchEvent || node instanceof BoundaryEvent || node instanceof StartEvent)
          && !node.getChildElementsByType(TimerEventDefinition.class).isEmpty();
      case MESSAGE -> node -> node.getChildElementsByType(MessageEventDefinition.class).stream()
          .anyMatch(def -> def.getMessage() != null && id.equals(def.getMessage().getName()));
      case CALL -> node -> node instanceof CallActivity call && id.equals(call.getCalledElement());
      case DECISION -> node -> node instanceof BusinessRuleTask task && id.equals(task.getCamundaDecisionRef());
      case START_FORM -> node -> node instanceof StartEvent start && start.getParentElement() instanceof Process
          && id.equals(start.getCamundaFormRef());
      default -> node -> false;
    };
  }

  private static Process processOf(ModelElementInstance element) {
    ModelElementInstance parent = element.getParentElement();
    while (parent != null && !(parent instanceof Process)) {
      parent = parent.getParentElement();
    }
    return (Process) parent;
  }

  private static void checkDmn(String file, byte[] bytes, Set<String> problems) {
    DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      List<String> required = ModelContract.outputsOf(decision.getId());
      if (required.isEmpty()) {
        continue;
      }
      Set<String> outputs = new LinkedHashSet<>();
      decision.getChildElementsByType(DecisionTable.class).forEach(table -> table.getOutputs().stream()
          .map(Output::getName).forEach(outputs::add));
      for (String output : required) {
        if (!outputs.contains(output)) {
          problems.add(file + " : la table de décision « " + decision.getId() + " » n'a pas la sortie « " + output
              + " ». L'application s'en sert pour : " + reasonOf(Kind.DECISION_OUTPUT, decision.getId(), output) + ".");
        }
      }
    }
  }

  private static void checkForm(String file, byte[] bytes, Set<String> problems) throws IOException {
    JsonNode form = JSON.readTree(bytes);
    String id = form.path("id").asText(null);
    String expectedId = stem(file);
    if (!ModelContract.fieldsOf(expectedId).isEmpty() && !expectedId.equals(id)) {
      problems.add(file + " : le formulaire « " + expectedId + " » a changé d'identifiant (« " + id
          + " ») ; les étapes qui l'utilisent ne le trouveraient plus.");
    }
    List<String> required = ModelContract.fieldsOf(id);
    if (required.isEmpty()) {
      return;
    }
    Set<String> fields = new LinkedHashSet<>();
    collectFields(form.path("components"), fields);
    for (String field : required) {
      if (!fields.contains(field)) {
        problems.add(file + " : le formulaire « " + id + " » n'a plus le champ « " + field
            + " ». L'application s'en sert pour : " + reasonOf(Kind.FORM_FIELD, id, field) + ".");
      }
    }
  }

  /** The variables a form writes at its top level: field keys and the paths of lists and groups. */
  static void collectFields(JsonNode components, Set<String> fields) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        fields.add(component.get("key").asText());
      }
      if (component.hasNonNull("path")) {
        fields.add(component.get("path").asText());
      } else if (component.has("components")) {
        collectFields(component.get("components"), fields);
      }
    }
  }

  private static String reasonOf(Kind kind, String owner, String id) {
    return ModelContract.REQUIRED.stream()
        .filter(r -> r.kind() == kind && r.owner().equals(owner) && r.id().equals(id))
        .map(Requirement::reason).findFirst().orElse("");
  }

  private static String fileName(String name) {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return slash < 0 ? name : name.substring(slash + 1);
  }

  private static String stem(String file) {
    int dot = file.indexOf('.');
    return dot < 0 ? file : file.substring(0, dot);
  }
}
