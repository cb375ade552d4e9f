package fr.parcours.validation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.VariableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FEEL expressions of a form (conditions {@code conditional.hide}, options
 * {@code valuesExpression}), evaluated on the server with the engine's own FEEL engine (the one its
 * decision tables use), over the case's variables as the form sees them.
 */
final class FormExpressions {

  private static final Logger LOG = LoggerFactory.getLogger(FormExpressions.class);
  private static final FeelEngine FEEL = new ScalaFeelEngineFactory().createInstance();

  private FormExpressions() {}

  /**
   * Whether a field is hidden. An expression that cannot be evaluated leaves the field shown: the
   * server then asks for at least what the form may ask.
   */
  static boolean hidden(String hide, VariableMap context) {
    if (hide == null) {
      return false;
    }
    try {
      return Boolean.TRUE.equals(FEEL.evaluateSimpleExpression(hide, context.asVariableContext()));
    } catch (RuntimeException failed) {
      LOG.warn("Condition « {} » d'un formulaire non évaluable : {}", hide, failed.getMessage());
      return false;
    }
  }

  /**
   * The values offered by a {@code valuesExpression}: a list of {@code {label, value}} or of plain
   * values. Null when the expression cannot be evaluated (the options are then not checked).
   */
  static List<Object> options(String expression, VariableMap context) {
    try {
      return values(FEEL.evaluateSimpleExpression(expression, context.asVariableContext()));
    } catch (RuntimeException failed) {
      LOG.warn("Options « {} » d'un formulaire non évaluables : {}", expression, failed.getMessage());
      return null;
    }
  }

  /** The values of options given as a list of {@code {label, value}} or of plain values; null when not a list. */
  static List<Object> values(Object options) {
    if (!(options instanceof Collection<?> list)) {
      return null;
    }
    return list.stream()
        .map(option -> option instanceof Map<?, ?> map && map.containsKey("value") ? map.get("value") : option)
        .filter(Objects::nonNull)
        .map(Object.class::cast)
        .toList();
  }
}
