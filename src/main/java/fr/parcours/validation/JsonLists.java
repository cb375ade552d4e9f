package fr.parcours.validation;

import static org.camunda.spin.Spin.JSON;

import java.util.Collection;
import java.util.List;

import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

/** Reads the JSON lists forms and REST clients send, whatever their variable type. */
public final class JsonLists {

  private JsonLists() {}

  /** The value as a JSON node, or null when it is not JSON. */
  public static SpinJsonNode parse(Object value) {
    try {
      if (value instanceof SpinJsonNode node) {
        return node;
      }
      if (value instanceof String text) {
        return JSON(text);
      }
      if (value instanceof Collection<?> collection) {
        return JSON(collection);
      }
    } catch (RuntimeException malformed) {
      return null;
    }
    return null;
  }

  /** The elements of a JSON list, empty when absent or not a list. */
  public static List<SpinJsonNode> elements(Object value) {
    SpinJsonNode node = parse(value);
    return node != null && node.isArray() ? node.elements() : List.of();
  }

  public static JsonValue asVariable(SpinJsonNode json) {
    return SpinValues.jsonValue(json).create();
  }
}
