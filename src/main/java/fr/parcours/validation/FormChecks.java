package fr.parcours.validation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The rules a Camunda Form states, enforced on the server for the step that resolves it: required
 * fields, types, the options of selects, radios, checklists and taglists (static, or evaluated from
 * {@code valuesKey} / {@code valuesExpression}), lengths, number bounds, patterns, dates, the fields
 * of each row of a dynamic list. A field whose {@code conditional.hide} is true for the case is
 * hidden: not required and not checked, and a value sent for it is refused (form-js submits no hidden
 * field, so nothing would check what is stored).
 *
 * <p>Values are read as the step leaves them (the submitted value, else the case's current one, as
 * the form shows it pre-filled) and accepted as form-js sends them, untyped: numbers, booleans and
 * dates as strings are stored typed (number, Boolean, {@link Date}), lists as Spin {@code Json}; an
 * untouched optional text ({@code ""}) is stored as absent and an unchecked checkbox as false.
 */
final class FormChecks {

  /** A value that does not fit its field's type. */
  private static final Object INVALID = new Object();

  private final Inputs in;
  private final FormContract form;
  private final VariableMap context = Variables.createVariables();
  /** The variables the request carried (empty when unknown: a Java call inside another command). */
  private final Set<String> submitted;

  private FormChecks(Inputs in, FormContract form, Set<String> submitted) {
    this.in = in;
    this.form = form;
    this.submitted = submitted;
  }

  /**
   * Checks the step's variables against its form; problems go to {@code in}. Returns the keys of
   * the fields shown whose value passed the form's rules (the rules in code check those further).
   */
  static Set<String> check(Inputs in, FormContract form, Set<String> submitted) {
    return new FormChecks(in, form, submitted).run();
  }

  private Set<String> run() {
    // The conditions read the case as the form sees it, values already typed ("true" is true).
    form.variableNames().forEach(name -> context.put(name, null));
    for (String name : in.scope().getVariableNames()) {
      try {
        context.put(name, in.value(name));
      } catch (RuntimeException unreadable) {
        context.put(name, null);
      }
    }
    for (FormField field : form.fields()) {
      Object typed = typed(field, context.get(field.key()));
      if (typed != INVALID) {
        context.put(field.key(), typed);
      }
    }
    Set<String> passed = new LinkedHashSet<>();
    for (FormField field : form.fields()) {
      if (!FormExpressions.hidden(field.hide(), context)) {
        int before = in.problems().size();
        checkField(field);
        if (in.problems().size() == before) {
          passed.add(field.key());
        }
      } else if (submitted.contains(field.key()) && isSet(context.get(field.key()))) {
        // form-js submits no hidden field: a value sent for one would be stored unchecked
        in.problem(in.named(field.key()) + " n'est pas demandé ici (champ masqué par sa condition)"
            + received(context.get(field.key())));
      }
    }
    return passed;
  }

  private void checkField(FormField field) {
    String name = field.key();
    Object raw = in.value(name);
    String named = in.named(name);
    if (isBlank(raw)) {
      if ("checkbox".equals(field.type())) {
        in.set(name, Boolean.FALSE);
        if (field.required()) {
          in.problem(named + " doit être cochée");
        }
      } else if (field.required()) {
        in.problem(named + " est obligatoire");
      } else if (raw != null) {
        in.set(name, null);
      }
      return;
    }
    Object typed = typed(field, raw);
    if (typed == INVALID) {
      in.problem(named + " " + expected(field) + received(raw));
      return;
    }
    if (field.isList()) {
      checkRows(field, (SpinJsonNode) typed);
    } else if (field.isMultiple()) {
      List<SpinJsonNode> elements = ((SpinJsonNode) typed).elements();
      if (elements.isEmpty() && field.required()) {
        in.problem(named + " est obligatoire");
      }
      List<Object> allowed = allowed(field, context);
      for (SpinJsonNode element : elements) {
        Object value = element.isString() ? element.stringValue() : element.isBoolean() ? element.boolValue()
            : element.isNumber() ? element.numberValue() : element.toString();
        if (allowed != null && !among(value, allowed)) {
          in.problem(named + " : « " + value + " » n'est pas une valeur admise " + display(allowed));
        }
      }
    } else {
      if ("checkbox".equals(field.type()) && field.required() && Boolean.FALSE.equals(typed)) {
        in.problem(named + " doit être cochée");
      }
      checkScalar(field, typed, context).forEach(problem -> in.problem(named + " " + problem));
    }
    if (typed instanceof SpinJsonNode json) {
      if (!(raw instanceof SpinJsonNode)) {
        in.set(name, JsonLists.asVariable(json));
      }
    } else if (!Objects.equals(typed, raw)) {
      in.set(name, typed);
    }
  }

  private void checkRows(FormField list, SpinJsonNode rows) {
    if (rows.elements().isEmpty() && list.required()) {
      in.problem(in.named(list.key()) + " est obligatoire");
    }
    int index = 0;
    for (SpinJsonNode row : rows.elements()) {
      index++;
      String rowName = in.named(list.key()) + ", ligne " + index + " : ";
      if (!row.isObject()) {
        in.problem(rowName + "doit être un objet");
        continue;
      }
      VariableMap rowContext = Variables.fromMap(context);
      for (FormField field : list.rowFields()) {
        rowContext.put(field.key(), row.hasProp(field.key()) ? scalar(row.prop(field.key())) : null);
      }
      for (FormField field : list.rowFields()) {
        if (FormExpressions.hidden(field.hide(), rowContext)) {
          continue;
        }
        String named = rowName + "« " + field.label() + " »";
        Object value = rowContext.get(field.key());
        if (isBlank(value) || "checkbox".equals(field.type()) && Boolean.FALSE.equals(value) && field.required()) {
          if (field.required()) {
            in.problem(named + ("checkbox".equals(field.type()) ? " doit être cochée" : " est obligatoire"));
          }
          continue;
        }
        Object typed = typed(field, value);
        if (typed == INVALID) {
          in.problem(named + " " + expected(field) + received(value));
        } else {
          checkScalar(field, typed, rowContext).forEach(problem -> in.problem(named + " " + problem));
        }
      }
    }
  }

  /** Options, lengths, bounds and pattern of a single value already typed; the problems found. */
  private List<String> checkScalar(FormField field, Object value, VariableMap scope) {
    List<String> problems = new ArrayList<>();
    if (field.isChoice()) {
      List<Object> allowed = allowed(field, scope);
      if (allowed != null && !among(value, allowed)) {
        problems.add("doit être l'une des valeurs " + display(allowed) + received(value));
      }
    }
    if (value instanceof String text) {
      if (field.minLength() != null && text.length() < field.minLength()) {
        problems.add("doit compter au moins " + field.minLength() + " caractères");
      }
      if (field.maxLength() != null && text.length() > field.maxLength()) {
        problems.add("ne doit pas dépasser " + field.maxLength() + " caractères");
      }
      if (field.pattern() != null && !matches(field.pattern(), text)) {
        problems.add("n'a pas la forme attendue" + received(text));
      }
    }
    if (value instanceof Number number) {
      if (field.min() != null && number.doubleValue() < field.min()) {
        problems.add("doit valoir au moins " + plain(field.min()));
      }
      if (field.max() != null && number.doubleValue() > field.max()) {
        problems.add("doit valoir au plus " + plain(field.max()));
      }
    }
    return problems;
  }

  /** The values a choice accepts; null when they cannot be known (an expression that fails). */
  private List<Object> allowed(FormField field, VariableMap scope) {
    if (field.valuesExpression() != null) {
      return FormExpressions.options(field.valuesExpression(), scope);
    }
    if (field.valuesKey() != null) {
      Object options = scope.get(field.valuesKey());
      SpinJsonNode json = JsonLists.parse(options);
      if (json == null || !json.isArray()) {
        return FormExpressions.values(options);
      }
      List<Object> values = new ArrayList<>();
      for (SpinJsonNode option : json.elements()) {
        SpinJsonNode value = option.isObject() && option.hasProp("value") ? option.prop("value") : option;
        values.add(scalar(value));
      }
      return values;
    }
    return field.values().stream().map(FormField.Option::value).toList();
  }

  /**
   * The value in the type its field stores, accepting what form-js sends (strings for numbers,
   * booleans and dates; lists as JSON text); {@link #INVALID} when it does not fit.
   */
  private static Object typed(FormField field, Object value) {
    if (value == null) {
      return null;
    }
    switch (field.type()) {
      case "textfield", "textarea":
        return value instanceof String ? value : INVALID;
      case "checkbox":
        return bool(value);
      case "number":
        return number(value);
      case "datetime":
        return date(field.subtype(), value);
      case "radio", "select": {
        if (value instanceof String text && !field.values().isEmpty()) {
          if (field.isYesNo()) {
            return bool(text);
          }
          if (field.values().stream().allMatch(option -> option.value() instanceof Number)) {
            return number(text);
          }
        }
        return value instanceof String || value instanceof Boolean || value instanceof Number ? value : INVALID;
      }
      case "checklist", "taglist", "dynamiclist": {
        SpinJsonNode json = JsonLists.parse(value);
        return json != null && json.isArray() ? json : INVALID;
      }
      default:
        return value;
    }
  }

  private static Object bool(Object value) {
    if (value instanceof Boolean) {
      return value;
    }
    return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : INVALID;
  }

  private static Object number(Object value) {
    if (value instanceof Number) {
      return value;
    }
    if (value instanceof String text) {
      try {
        BigDecimal decimal = new BigDecimal(text.trim().replace(',', '.'));
        return decimal.stripTrailingZeros().scale() <= 0 && decimal.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
            ? (Object) decimal.longValueExact() : (Object) decimal.doubleValue();
      } catch (NumberFormatException | ArithmeticException notANumber) {
        return INVALID;
      }
    }
    return INVALID;
  }

  /** A date as form-js sends it (date: yyyy-MM-dd; date and time: ISO-8601; time: HH:mm), or a Date. */
  private static Object date(String subtype, Object value) {
    if (value instanceof Date) {
      return value;
    }
    if (!(value instanceof String text)) {
      return INVALID;
    }
    try {
      if ("time".equals(subtype)) {
        LocalTime.parse(text.trim().length() > 5 ? text.trim().substring(0, 5) : text.trim());
        return text;
      }
      if ("date".equals(subtype) && text.trim().length() == 10) {
        return Date.from(LocalDate.parse(text.trim()).atStartOfDay(Inputs.ZONE).toInstant());
      }
    } catch (DateTimeParseException notADate) {
      return INVALID;
    }
    // a date-time for a date too: Java and REST callers send instants
    Date date = Inputs.parseDate(text);
    return date == null ? INVALID : date;
  }

  private static String expected(FormField field) {
    return switch (field.type()) {
      case "checkbox" -> "doit valoir oui ou non (true ou false)";
      case "number" -> "doit être un nombre";
      case "datetime" -> "date".equals(field.subtype()) ? "doit être une date AAAA-MM-JJ"
          : "time".equals(field.subtype()) ? "doit être une heure HH:MM" : "doit être une date et heure ISO-8601";
      case "checklist", "taglist" -> "doit être une liste de valeurs";
      case "dynamiclist" -> "doit être une liste JSON ([...])";
      case "radio", "select" -> field.isYesNo() ? "doit valoir oui ou non (true ou false)" : "doit être l'une des valeurs proposées";
      default -> "doit être un texte";
    };
  }

  private static String received(Object value) {
    String text = value instanceof SpinJsonNode || value instanceof String ? value.toString() : String.valueOf(value);
    return " (reçu : « " + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + " »)";
  }

  /** A value that says something: not empty, not false, not an empty list. */
  private static boolean isSet(Object value) {
    if (isBlank(value) || Boolean.FALSE.equals(value) || "false".equals(value)) {
      return false;
    }
    SpinJsonNode json = value instanceof SpinJsonNode node ? node : null;
    return json == null || !json.isArray() || !json.elements().isEmpty();
  }

  private static boolean isBlank(Object value) {
    return value == null || value instanceof String text && text.isBlank()
        || value instanceof Collection<?> list && list.isEmpty();
  }

  private static boolean among(Object value, List<Object> allowed) {
    return allowed.stream().anyMatch(option -> String.valueOf(option).equals(String.valueOf(value)));
  }

  private static String display(List<Object> allowed) {
    return allowed.stream().map(String::valueOf).toList().toString();
  }

  /** A JSON value as Java: text, boolean, number, or the JSON itself for lists and objects. */
  private static Object scalar(SpinJsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isString() ? node.stringValue() : node.isBoolean() ? (Object) node.boolValue()
        : node.isNumber() ? node.numberValue() : node;
  }

  /** form-js tests a pattern like JavaScript's {@code RegExp.test}: found anywhere unless anchored. */
  private static boolean matches(String pattern, String text) {
    try {
      return Pattern.compile(pattern).matcher(text).find();
    } catch (PatternSyntaxException notJava) {
      return true;
    }
  }

  private static String plain(double number) {
    return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
  }
}
