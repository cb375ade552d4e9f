package fr.parcours.casefile;

import java.util.Set;

import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * Tasklist plugin « Parcours » (registered in
 * {@code META-INF/services/org.camunda.bpm.tasklist.plugin.spi.TasklistPlugin}): a tab beside every
 * task of a case (pathway or technical committee) with the case at a glance, the action plan, the
 * committees' decisions and the case journal.
 * <ul>
 * <li>front end: {@code plugin-webapp/parcours/app/plugin.js} (and {@code plugin.css}) on the class
 * path, which Tasklist loads from {@code /camunda/api/tasklist/plugin/parcours/static/app/}
 * (plain ES module, no build step), plugin point {@code tasklist.task.detail};</li>
 * <li>back end: {@link CaseFilePluginRootResource}, under
 * {@code /camunda/api/tasklist/plugin/parcours/<engine>/cases}, where the Tasklist session
 * authenticates the caller and Camunda's CSRF filter guards the POST.</li>
 * </ul>
 * Created by the webapp (service loader), not by Spring.
 */
public class CaseFileTasklistPlugin extends AbstractTasklistPlugin {

  public static final String ID = "parcours";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(CaseFilePluginRootResource.class);
  }
}
