package fr.parcours.validation;

import java.util.List;
import java.util.Objects;

/**
 * One input of a Camunda Form, as the server enforces it: the variable it writes ({@code key}, or
 * {@code path} for a dynamic list), the label people read, and the rules the form states. The
 * fields of a dynamic list's rows are its {@link #rowFields()}.
 *
 * @param key        variable written by the field (for a row field: the property of the row)
 * @param label      the form's label, used in every refusal (falls back to the key)
 * @param type       form-js component type: textfield, textarea, number, checkbox, radio, select,
 *                   checklist, taglist, datetime, dynamiclist, expression
 * @param required   {@code validate.required}
 * @param values     static options ({@code values}), empty when none or when they are dynamic
 * @param valuesKey  the variable holding the options ({@code valuesKey}), or null
 * @param valuesExpression the FEEL expression giving the options ({@code valuesExpression}, without its
 *                   leading {@code =}), or null
 * @param minLength  {@code validate.minLength}, or null
 * @param maxLength  {@code validate.maxLength}, or null
 * @param min        {@code validate.min} (number), or null
 * @param max        {@code validate.max} (number), or null
 * @param pattern    {@code validate.pattern} (a JavaScript regular expression, tested like form-js: found
 *                   anywhere unless anchored), or {@code validate.validationType} email / phone as a pattern
 * @param subtype    datetime subtype: date, time or datetime; null for other types
 * @param hide       the FEEL expression of {@code conditional.hide} without its leading {@code =}, or null
 * @param rowFields  the fields of each row of a dynamic list, empty otherwise
 */
public record FormField(String key, String label, String type, boolean required, List<Option> values,
    String valuesKey, String valuesExpression, Integer minLength, Integer maxLength, Double min, Double max, String pattern,
    String subtype, String hide, List<FormField> rowFields) {

  public FormField {
    Objects.requireNonNull(key, "key");
    values = values == null ? List.of() : List.copyOf(values);
    rowFields = rowFields == null ? List.of() : List.copyOf(rowFields);
  }

  /** One option of a select, radio, checklist or taglist: its value and the label shown. */
  public record Option(Object value, String label) {}

  /** Whether the options come from a variable or an expression, evaluated for each case. */
  public boolean dynamicValues() {
    return valuesKey != null || valuesExpression != null;
  }

  public boolean isList() {
    return "dynamiclist".equals(type);
  }

  /** Whether the value is chosen among options (one or several). */
  public boolean isChoice() {
    return switch (type) {
      case "radio", "select", "checklist", "taglist" -> true;
      default -> false;
    };
  }

  public boolean isMultiple() {
    return "checklist".equals(type) || "taglist".equals(type);
  }

  /** Whether the options are the booleans true and false (a yes/no radio). */
  public boolean isYesNo() {
    return !values.isEmpty() && values.stream().allMatch(option -> option.value() instanceof Boolean);
  }

  /** The label of an option's value, or the value itself. */
  public String optionLabel(Object value) {
    return values.stream().filter(option -> Objects.equals(option.value(), value)).map(Option::label)
        .filter(Objects::nonNull).findFirst().orElse(String.valueOf(value));
  }
}
