package fr.parcours.validation;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a step may write and how, read from the Camunda Form the step resolves in the engine: the
 * fields with their rules, and the variables the step may write (the form's keys and dynamic lists'
 * paths). Built once per deployed form ({@link FormContracts} caches it: a deployed form never
 * changes).
 *
 * <p>Components without a key (texts, images, separators, buttons, tables) write nothing. A key
 * with dots ({@code address.city}) and a group with a path write the variable named by their first
 * segment; their inner structure is not checked.
 */
public final class FormContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** form-js's patterns for {@code validationType}. */
  static final String EMAIL = "^[\\w\\-.+]+@([\\w-]+\\.)+[\\w-]{2,}$";
  static final String PHONE = "^\\+?[0-9 ().-]{6,}$";

  /** The contract of a step without a Camunda Form: it writes nothing. */
  public static final FormContract NONE = new FormContract(null, List.of(), Set.of());

  private final String formId;
  private final List<FormField> fields;
  private final Set<String> variableNames;

  FormContract(String formId, List<FormField> fields, Set<String> variableNames) {
    this.formId = formId;
    this.fields = List.copyOf(fields);
    this.variableNames = Collections.unmodifiableSet(new LinkedHashSet<>(variableNames));
  }

  /** The form's own id (its {@code id} property, the key {@code camunda:formRef} names). */
  public String formId() {
    return formId;
  }

  /** The fields the server checks, in the form's order (top level; rows under their list). */
  public List<FormField> fields() {
    return fields;
  }

  /** Every variable a completion (or a start) through this form may write. */
  public Set<String> variableNames() {
    return variableNames;
  }

  /** The top-level field writing this variable. */
  public Optional<FormField> field(String variable) {
    return fields.stream().filter(field -> field.key().equals(variable)).findFirst();
  }

  /** The label of the field writing this variable, or the variable's name. */
  public String label(String variable) {
    return field(variable).map(FormField::label).orElse(variable);
  }

  public static FormContract parse(InputStream form) throws IOException {
    return parse(JSON.readTree(form));
  }

  public static FormContract parse(String form) throws IOException {
    return parse(JSON.readTree(form));
  }

  public static FormContract parse(JsonNode form) {
    List<FormField> fields = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    collect(form.path("components"), fields, names);
    return new FormContract(form.path("id").asText(null), fields, names);
  }

  private static void collect(JsonNode components, List<FormField> fields, Set<String> names) {
    for (JsonNode component : components) {
      String type = component.path("type").asText("");
      if ("dynamiclist".equals(type)) {
        String path = component.path("path").asText("");
        if (path.isBlank()) {
          continue;
        }
        List<FormField> rows = new ArrayList<>();
        collect(component.path("components"), rows, new LinkedHashSet<>());
        names.add(root(path));
        if (!path.contains(".")) {
          fields.add(field(component, path, type, rows));
        }
      } else if ("group".equals(type)) {
        String path = component.path("path").asText("");
        if (path.isBlank()) {
          collect(component.path("components"), fields, names);
        } else {
          names.add(root(path));
        }
      } else if (component.hasNonNull("key") && !component.path("key").asText().isBlank()) {
        String key = component.path("key").asText();
        names.add(root(key));
        if (!key.contains(".") && !"expression".equals(type)) {
          fields.add(field(component, key, type, List.of()));
        }
      }
    }
  }

  private static String root(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }

  private static FormField field(JsonNode component, String key, String type, List<FormField> rows) {
    JsonNode validate = component.path("validate");
    String label = component.path("label").asText("");
    if (label.isBlank()) {
      label = component.path("dateLabel").asText("");
    }
    if (label.isBlank()) {
      label = key;
    }
    String pattern = text(validate, "pattern");
    String validationType = text(validate, "validationType");
    if (pattern == null && "email".equals(validationType)) {
      pattern = EMAIL;
    } else if (pattern == null && "phone".equals(validationType)) {
      pattern = PHONE;
    }
    String hide = expression(text(component.path("conditional"), "hide"));
    String subtype = "datetime".equals(type) ? component.path("subtype").asText("datetime") : null;
    String valuesKey = text(component, "valuesKey");
    String valuesExpression = expression(text(component, "valuesExpression"));
    boolean dynamicValues = valuesKey != null || valuesExpression != null;
    return new FormField(key, label.trim(), type, validate.path("required").asBoolean(false),
        dynamicValues ? List.of() : options(component.path("values")), valuesKey, valuesExpression,
        integer(validate, "minLength"), integer(validate, "maxLength"),
        number(validate, "min"), number(validate, "max"), pattern, subtype, hide, rows);
  }

  /** A FEEL expression without the leading {@code =} form-js puts before it. */
  private static String expression(String text) {
    return text != null && text.startsWith("=") ? text.substring(1) : text;
  }

  private static List<FormField.Option> options(JsonNode values) {
    List<FormField.Option> options = new ArrayList<>();
    for (JsonNode option : values) {
      JsonNode value = option.path("value");
      Object javaValue = value.isBoolean() ? (Object) value.booleanValue()
          : value.isNumber() ? (Object) value.numberValue() : value.asText();
      options.add(new FormField.Option(javaValue, option.path("label").asText(null)));
    }
    return options;
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.path(name);
    return value.isValueNode() && !value.asText().isBlank() ? value.asText() : null;
  }

  private static Integer integer(JsonNode node, String name) {
    JsonNode value = node.path(name);
    return value.isNumber() || value.isTextual() && value.asText().matches("\\d+") ? value.asInt() : null;
  }

  private static Double number(JsonNode node, String name) {
    JsonNode value = node.path(name);
    if (value.isNumber()) {
      return value.asDouble();
    }
    try {
      return value.isTextual() ? Double.valueOf(value.asText()) : null;
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  /** The fields by variable name (top level). */
  Map<String, FormField> byKey() {
    Map<String, FormField> byKey = new LinkedHashMap<>();
    fields.forEach(field -> byKey.put(field.key(), field));
    return byKey;
  }
}
