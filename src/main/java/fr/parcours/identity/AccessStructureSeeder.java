package fr.parcours.identity;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.GROUP;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.USER;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fr.parcours.models.ModelContract.Processes;

/**
 * Creates, in every profile, what the configured départements need in the identity service:
 * one tenant per département, the groups of each territory bound to their tenant, the pilots
 * and data-protection officers groups, and the group grants. Idempotent: a restart creates nothing
 * twice. No group grant opens a case: territory groups may use Tasklist, read the two process
 * definitions (models, not case data), see users' and groups' names, and social workers and CTAS
 * may start a pathway; what a group sees of a case is granted per case (access package).
 */
@Component
public class AccessStructureSeeder {


  private final IdentityService identityService;
  private final Departements departements;
  private final Grants grants;

  public AccessStructureSeeder(IdentityService identityService, Departements departements, Grants grants) {
    this.identityService = identityService;
    this.departements = departements;
    this.grants = grants;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(1)
  public void seed() {
    ensureGroup(Groups.PILOTS, "Pilotes départementaux");
    ensureGroup(Groups.DPO, "Délégués à la protection des données");
    departements.tenants().forEach((tenantId, departement) -> {
      ensureTenant(tenantId, departement.name());
      departement.territories().forEach((code, territory) -> {
        String suffix = " — " + territory.name();
        seedTerritoryGroup(tenantId, Groups.socialWorkers(code), "Travailleurs sociaux" + suffix, true);
        seedTerritoryGroup(tenantId, Groups.ctas(code), "CTAS" + suffix, true);
        seedTerritoryGroup(tenantId, Groups.partners(code), "Partenaires" + suffix, false);
      });
    });
  }

  private void seedTerritoryGroup(String tenantId, String groupId, String name, boolean mayRefer) {
    ensureGroup(groupId, name);
    boolean member = identityService.createTenantQuery().groupMember(groupId).tenantId(tenantId).count() > 0;
    if (!member) {
      identityService.createTenantGroupMembership(tenantId, groupId);
    }
    grants.grant(groupId, APPLICATION, "tasklist", ACCESS);
    for (String definition : List.of(Processes.PATHWAY, Processes.TECHNICAL_COMMITTEE)) {
      grants.grant(groupId, PROCESS_DEFINITION, definition, READ);
    }
    // Professionals see each other's names (assignee, candidate pickers), nothing more.
    grants.grant(groupId, USER, "*", READ);
    grants.grant(groupId, GROUP, "*", READ);
    if (mayRefer) {
      grants.grant(groupId, PROCESS_DEFINITION, Processes.PATHWAY, CREATE_INSTANCE);
      grants.grant(groupId, PROCESS_INSTANCE, "*", CREATE);
    }
  }

  private void ensureGroup(String groupId, String name) {
    if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
      Group group = identityService.newGroup(groupId);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
    }
  }

  private void ensureTenant(String tenantId, String name) {
    if (identityService.createTenantQuery().tenantId(tenantId).count() == 0) {
      Tenant tenant = identityService.newTenant(tenantId);
      tenant.setName(name);
      identityService.saveTenant(tenant);
    }
  }
}
