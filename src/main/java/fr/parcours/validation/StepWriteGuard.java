package fr.parcours.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.parcours.validation.FormContracts.Step;
import fr.parcours.validation.StepCommands.StepWrite;

/**
 * A completion writes only what its step writes: a task's completion (or resolution), its form's
 * submission and a process start carry only the variables of the step's form; any other variable is
 * refused by name (by the step's validation, once the engine has checked the caller may act on the
 * step), and values too large or too deep to be stored and read back safely are refused before the
 * command runs. Nothing is stored. Checked in the engine, so {@code /engine-rest},
 * Tasklist's {@code /camunda/api/engine} and Java callers (the application's own drivers, operators)
 * are bound alike; commands run inside another command (what a step causes) are not judged.
 */
final class StepWriteGuard extends CommandInterceptor {

  /** The largest JSON value stored (serialized), and the deepest. */
  static final int MAX_BYTES = 256 * 1024;
  static final int MAX_DEPTH = 20;

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final FormContracts forms;

  StepWriteGuard(FormContracts forms) {
    this.forms = forms;
  }

  /**
   * What the request carried, checked before the command ran: the variables its step may not write
   * (refused by the step's validation once the engine has checked the caller's right to the step: a
   * caller who may not act on it gets the engine's 403, not a lesson on the form) and the names of all
   * it carried (a value sent for a field the form hides is refused, not stored).
   */
  record Pending(String taskId, List<String> problems, Set<String> submitted) {

    /** Nothing pending: a request that carried no variable, or a command run by another one. */
    static final Pending NONE = new Pending(null, List.of(), Set.of());

    boolean isStart() {
      return taskId == null;
    }
  }

  private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() == null) {
      StepWrite write = StepCommands.of(command);
      if (write != null && write.variables() != null && !write.variables().isEmpty()) {
        List<String> unknown = check(write);
        PENDING.set(new Pending(write.taskId(), unknown, Set.copyOf(write.variables().keySet())));
        try {
          return next.execute(command);
        } finally {
          PENDING.remove();
        }
      }
    }
    return next.execute(command);
  }

  /** What the request completing that task carried. */
  static Pending pendingFor(String taskId) {
    Pending pending = PENDING.get();
    return pending != null && !pending.isStart() && pending.taskId().equals(taskId) ? pending : Pending.NONE;
  }

  /** What the request starting a process carried. */
  static Pending pendingAtStart() {
    Pending pending = PENDING.get();
    return pending != null && pending.isStart() ? pending : Pending.NONE;
  }

  /**
   * Refuses at once values too large or too deep to be stored and read back (whoever sends them);
   * returns the variables the step's form does not have, refused later by the step's validation.
   */
  private List<String> check(StepWrite write) {
    Optional<Step> step = write.isStart()
        ? forms.stepOfStart(write.processDefinitionId(), write.processDefinitionKey(), write.tenantId())
        : forms.stepOfTask(write.taskId());
    if (step.isEmpty()) {
      return List.of(); // no such task or definition: the engine answers it
    }
    FormContract form = step.get().form();
    if (form == FormContract.NONE) {
      // outside the contract: the deployment check refuses a user task without a Camunda Form in the
      // démarche's models, and only the pathway (whose start has one) may be started by its people;
      // such steps exist only in the application's own Java deployments (the benchmark's baseline)
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    Map<String, Object> variables = write.variables();
    for (String name : variables.keySet()) {
      if (!form.variableNames().contains(name)) {
        unknown.add("« " + name + " » n'est pas un champ du formulaire de cette étape");
      } else {
        // typed, as sent: a JSON text is measured before anything parses it
        Object value = variables instanceof VariableMap map ? map.getValueTyped(name) : variables.get(name);
        String problem = sizeProblem(value);
        if (problem != null) {
          problems.add("« " + form.label(name) + " » " + problem);
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.addAll(unknown);
      throw new InvalidCaseInputException(step.get().name(), problems);
    }
    return unknown;
  }

  /** Why a value is too large or too deep to be stored, or null. */
  static String sizeProblem(Object value) {
    String text = text(value);
    if (text == null) {
      return null;
    }
    if (text.length() > MAX_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "dépasse la taille admise (" + MAX_BYTES / 1024 + " Ko)";
    }
    String trimmed = text.stripLeading();
    if ((trimmed.startsWith("[") || trimmed.startsWith("{")) && depth(trimmed) > MAX_DEPTH) {
      return "contient une liste ou un objet JSON trop imbriqué (" + MAX_DEPTH + " niveaux au plus)";
    }
    return null;
  }

  /** The text a value will be stored as: a string, a serialized value (JSON), or Java lists and maps as JSON. */
  private static String text(Object value) {
    Object plain = value;
    if (value instanceof TypedValue typed) {
      if (typed instanceof SerializableValue serializable && !serializable.isDeserialized()) {
        return serializable.getValueSerialized();
      }
      plain = typed.getValue();
    }
    if (plain instanceof String string) {
      return string;
    }
    if (plain instanceof SpinJsonNode json) {
      return json.toString();
    }
    if (plain instanceof Iterable<?> || plain instanceof Map<?, ?> || plain instanceof Object[]) {
      try {
        return MAPPER.writeValueAsString(plain);
      } catch (IOException | RuntimeException tooDeep) {
        return "[".repeat(MAX_DEPTH + 1);
      }
    }
    return null;
  }

  /** The nesting depth of a JSON text, read as a stream (no recursion); stops past the limit. Malformed: 0. */
  static int depth(String json) {
    int depth = 0;
    int deepest = 0;
    try (JsonParser parser = JSON.createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
          deepest = Math.max(deepest, ++depth);
          if (deepest > MAX_DEPTH) {
            return deepest;
          }
        } else if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
          depth--;
        }
      }
    } catch (IOException malformed) {
      // the form's rules say what is wrong with it
    }
    return deepest;
  }
}
