package fr.parcours.models;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fr.parcours.identity.Departements;
import fr.parcours.identity.Grants;
import fr.parcours.identity.Groups;

/**
 * The managers' groups, in every profile: {@code gestionnaires} (national models) and
 * {@code gestionnaires-<tenant>} (that département's decision tables, member of its tenant).
 * Their grants let them deploy from Camunda Modeler and read the models in Cockpit — deployments,
 * process and decision definitions — and nothing of a case: no grant on process instances, tasks or
 * history. What each may deploy is checked by {@link ModelDeploymentCheck}. Idempotent.
 */
@Component
public class ManagersSeeder {

  static final String COCKPIT = "cockpit";

  private final IdentityService identityService;
  private final Departements departements;
  private final Grants grants;

  public ManagersSeeder(IdentityService identityService, Departements departements, Grants grants) {
    this.identityService = identityService;
    this.departements = departements;
    this.grants = grants;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(1)
  public void seed() {
    seedManagers(Groups.MANAGERS, "Gestionnaires des modèles nationaux");
    departements.tenants().forEach((tenantId, departement) -> {
      String groupId = Groups.managers(tenantId);
      seedManagers(groupId, "Gestionnaires des modèles — " + departement.name());
      if (identityService.createTenantQuery().groupMember(groupId).tenantId(tenantId).count() == 0) {
        identityService.createTenantGroupMembership(tenantId, groupId);
      }
    });
  }

  private void seedManagers(String groupId, String name) {
    if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
      Group group = identityService.newGroup(groupId);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
    }
    grants.grant(groupId, APPLICATION, COCKPIT, ACCESS);
    grants.grant(groupId, DEPLOYMENT, Authorization.ANY, CREATE, READ);
    grants.grant(groupId, PROCESS_DEFINITION, Authorization.ANY, READ);
    grants.grant(groupId, DECISION_DEFINITION, Authorization.ANY, READ);
    grants.grant(groupId, DECISION_REQUIREMENTS_DEFINITION, Authorization.ANY, READ);
  }
}
