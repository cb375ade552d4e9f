package fr.parcours.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The variables one step writes, checked one by one; every problem is collected so the worker
 * reads all of them at once. Values forms submit untyped (dates as strings, lists as JSON) are
 * converted to their typed form: {@link Date}, Spin {@code Json}. Problems name a variable by the
 * label its form shows (« Territoire »), the variable's name when no form names it.
 */
public class Inputs {

  static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  private final VariableScope scope;
  private final Predicate<String> userExists;
  private final FormContract form;
  private final List<String> problems = new ArrayList<>();
  /** Values as first read (a value set since is read again). */
  private final Map<String, Object> read = new HashMap<>();

  Inputs(VariableScope scope, Predicate<String> userExists, FormContract form) {
    this.scope = scope;
    this.userExists = userExists;
    this.form = form;
  }

  VariableScope scope() {
    return scope;
  }

  /** The form of the step, or null for a step without one (a message). */
  FormContract form() {
    return form;
  }

  /** How problems name a variable: the form's label in « », else the variable's name. */
  public String named(String name) {
    FormField field = form == null ? null : form.field(name).orElse(null);
    return field == null ? name : "« " + field.label() + " »";
  }

  /** How problems name a field of a list's rows: the form's label in « », else the field's name. */
  String namedInRow(String list, String name) {
    FormField field = form == null ? null : form.field(list).orElse(null);
    return field == null ? name : field.rowFields().stream().filter(row -> row.key().equals(name)).findFirst()
        .map(row -> "« " + row.label() + " »").orElse(name);
  }

  List<String> problems() {
    return problems;
  }

  public void problem(String message) {
    problems.add(message);
  }

  public void set(String name, Object value) {
    read.remove(name);
    scope.setVariable(name, value);
  }

  /**
   * The value of a variable. A typed value whose serialized text cannot be read (e.g. "[{" sent
   * with type Json) is returned as that text, so the rules report it like any other malformed input
   * instead of the engine failing on it.
   */
  public Object value(String name) {
    // read once: after a failed deserialization the engine no longer gives the text
    if (read.containsKey(name)) {
      return read.get(name);
    }
    Object value = readValue(name);
    read.put(name, value);
    return value;
  }

  private Object readValue(String name) {
    // read first as stored (no deserialization), to keep the text of what cannot be read
    TypedValue stored = scope.getVariableTyped(name, false);
    try {
      return scope.getVariable(name);
    } catch (ProcessEngineException unreadable) {
      if (stored instanceof SerializableValue serializable && serializable.getValueSerialized() != null) {
        return serializable.getValueSerialized();
      }
      throw unreadable;
    }
  }

  public String text(String name, boolean required) {
    Object value = value(name);
    if (value == null || value instanceof String s && s.isBlank()) {
      if (required) {
        problem(named(name) + " est obligatoire");
      } else if (value != null) {
        // Forms submit an untouched field as "": store it as absent, as gateways expect.
        set(name, null);
      }
      return null;
    }
    if (!(value instanceof String s)) {
      problem(named(name) + " doit être un texte");
      return null;
    }
    return s.trim();
  }

  public String oneOf(String name, Set<String> allowed, boolean required) {
    String value = text(name, required);
    if (value != null && !allowed.contains(value)) {
      problem(named(name) + " doit être l'une des valeurs " + allowed + " (reçu : « " + value + " »)");
      return null;
    }
    return value;
  }

  public Period period(String name, boolean required) {
    String value = text(name, required);
    if (value == null) {
      return null;
    }
    try {
      Period period = Period.parse(value);
      if (period.isNegative() || period.isZero()) {
        problem(named(name) + " doit être une durée positive");
        return null;
      }
      return period;
    } catch (DateTimeParseException e) {
      problem(named(name) + " doit être une durée ISO-8601 comme P6M (6 mois) ou P3M (reçu : « " + value + " »)");
      return null;
    }
  }

  /** A date or date-time; strings (as forms submit them) are stored back as a {@link Date}. */
  public Date date(String name, boolean required) {
    Object value = value(name);
    if (value instanceof Date d) {
      return d;
    }
    if (value == null || value instanceof String s && s.isBlank()) {
      if (required) {
        problem(named(name) + " est obligatoire");
      }
      return null;
    }
    Date parsed = value instanceof String s ? parseDate(s) : null;
    if (parsed == null) {
      problem(named(name) + " doit être une date (AAAA-MM-JJ) ou une date et heure ISO-8601 (reçu : « " + value + " »)");
      return null;
    }
    set(name, parsed);
    return parsed;
  }

  static Date parseDate(String text) {
    String s = text.trim();
    try {
      return Date.from(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException ignored) {
      // not an offset date-time
    }
    try {
      return Date.from(Instant.parse(s));
    } catch (DateTimeParseException ignored) {
      // not an instant
    }
    try {
      return Date.from(java.time.LocalDateTime.parse(s).atZone(ZONE).toInstant());
    } catch (DateTimeParseException ignored) {
      // not a local date-time
    }
    try {
      return Date.from(LocalDate.parse(s).atStartOfDay(ZONE).toInstant());
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }

  public String existingUser(String name, boolean required) {
    String value = text(name, required);
    if (value != null && !userExists.test(value)) {
      problem(named(name) + " : l'utilisateur « " + value + " » n'existe pas");
      return null;
    }
    return value;
  }

  /**
   * A JSON list (Spin Json, a JSON string or a Java list), stored back as a Spin Json variable.
   * Returns the elements, or null when absent or malformed.
   */
  public List<SpinJsonNode> list(String name, boolean required) {
    Object value = value(name);
    if (value == null || value instanceof String s && s.isBlank()) {
      if (required) {
        problem(named(name) + " est obligatoire");
      }
      return null;
    }
    SpinJsonNode json = JsonLists.parse(value);
    if (json == null || !json.isArray()) {
      problem(named(name) + " doit être une liste JSON ([...])");
      return null;
    }
    if (!(value instanceof SpinJsonNode)) {
      set(name, JsonLists.asVariable(json));
    }
    List<SpinJsonNode> elements = json.elements();
    if (required && elements.isEmpty()) {
      problem(named(name) + " ne doit pas être vide");
    }
    return elements;
  }

  /** A list of objects; each element is checked by {@code element} with its position. */
  public List<SpinJsonNode> objects(String name, boolean required, Consumer<Element> element) {
    List<SpinJsonNode> elements = list(name, required);
    if (elements == null) {
      return null;
    }
    for (int i = 0; i < elements.size(); i++) {
      SpinJsonNode node = elements.get(i);
      if (!node.isObject()) {
        problem(named(name) + ", ligne " + (i + 1) + " : doit être un objet");
      } else {
        element.accept(new Element(name, i + 1, node));
      }
    }
    return elements;
  }

  /** One object of a list, checked field by field. */
  public final class Element {
    private final String list;
    private final int row;
    private final SpinJsonNode node;

    Element(String list, int row, SpinJsonNode node) {
      this.list = list;
      this.row = row;
      this.node = node;
    }

    /** How problems name a field of this row: « list », ligne n : « field ». */
    public String named(String field) {
      return Inputs.this.named(list) + ", ligne " + row + " : " + namedInRow(list, field);
    }

    public String text(String field, boolean required) {
      SpinJsonNode value = node.hasProp(field) ? node.prop(field) : null;
      if (value == null || value.isNull() || value.isString() && value.stringValue().isBlank()) {
        if (required) {
          problem(named(field) + " est obligatoire");
        }
        return null;
      }
      if (!value.isString()) {
        problem(named(field) + " doit être un texte");
        return null;
      }
      return value.stringValue();
    }

    public void existingUser(String field) {
      String value = text(field, false);
      if (value != null && !userExists.test(value)) {
        problem(named(field) + " : l'utilisateur « " + value + " » n'existe pas");
      }
    }
  }
}
