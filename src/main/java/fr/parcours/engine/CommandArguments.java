package fr.parcours.engine;

import java.lang.reflect.Field;

/**
 * The arguments of an engine command, read before it runs (the engine guard deciding whether the
 * caller may run it, the step write guard reading the variables a completion or a start carries).
 * Camunda's command classes keep them in non-public fields with no getter: this is the one place
 * that reads them, by name, from the command's class or a superclass.
 */
public final class CommandArguments {

  private CommandArguments() {}

  @SuppressWarnings("unchecked")
  public static <T> T of(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return (T) field.get(command);
      } catch (NoSuchFieldException notHere) {
        // declared by a superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("No field " + name + " in " + command.getClass().getName());
  }
}
