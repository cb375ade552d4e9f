package fr.parcours.indicators;

import java.util.Set;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * Cockpit plugin "Indicateurs référent de parcours" (registered in
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}):
 * <ul>
 * <li>front end: {@code plugin-webapp/indicateurs/app/plugin.js} on the class path, which Cockpit
 * loads from {@code /camunda/api/cockpit/plugin/indicateurs/static/app/plugin.js} (plain ES module,
 * no build step): the dashboard, a page {@code #/indicateurs} and its entry in the header;</li>
 * <li>back end: {@link IndicatorsPluginRootResource}, under
 * {@code /camunda/api/cockpit/plugin/indicateurs/<engine>/indicators}, where the Cockpit session
 * authenticates the caller (the webapp's security filter requires a logged-in user there), with the
 * same rules and figures as {@code GET /api/indicators}.</li>
 * </ul>
 * Created by the webapp (service loader), not by Spring.
 */
public class IndicatorsCockpitPlugin extends AbstractCockpitPlugin {

  public static final String ID = "indicateurs";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(IndicatorsPluginRootResource.class);
  }
}
