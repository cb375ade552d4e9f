package fr.parcours.indicators;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fr.parcours.identity.Grants;
import fr.parcours.identity.Groups;

/**
 * Pilots read the indicators in Cockpit: the group {@code pilots} may open Cockpit (APPLICATION
 * {@code cockpit} ACCESS) and gets nothing else there — no grant on definitions, instances, tasks or
 * history, so Cockpit shows them no case; the plugin's data comes from the indicators endpoint, which
 * checks the pilot's département. In every profile; idempotent.
 */
@Component
public class PilotsCockpitAccessSeeder {

  static final String COCKPIT = "cockpit";

  private final Grants grants;

  public PilotsCockpitAccessSeeder(Grants grants) {
    this.grants = grants;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(2)
  public void seed() {
    grants.grant(Groups.PILOTS, APPLICATION, COCKPIT, ACCESS);
  }
}
