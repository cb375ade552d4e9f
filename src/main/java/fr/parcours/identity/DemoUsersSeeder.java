package fr.parcours.identity;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo only: fictitious users for every role in two territories of each département, all with the
 * password {@code demo}. Never active outside the demo profile (no user with a known password
 * in production).
 */
@Component
@ConditionalOnProperty("parcours.demo.users")
public class DemoUsersSeeder {

  static final String PASSWORD = "demo";

  /** Territories that get demo users; the first two of each département in the demo configuration. */
  static final List<String> DEMO_TERRITORIES = List.of("artois", "audomarois", "strasbourg", "saverne");

  private final IdentityService identityService;
  private final Departements departements;

  public DemoUsersSeeder(IdentityService identityService, Departements departements) {
    this.identityService = identityService;
    this.departements = departements;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(3)
  public void seed() {
    for (String territory : DEMO_TERRITORIES) {
      String name = departements.tenants().values().stream()
          .map(d -> d.territories().get(territory))
          .filter(java.util.Objects::nonNull)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("Demo territory not configured: " + territory))
          .name();
      user("ts." + territory, "Travailleur social", name, Groups.socialWorkers(territory));
      user("ts2." + territory, "Travailleuse sociale", name, Groups.socialWorkers(territory));
      user("ctas." + territory, "CTAS", name, Groups.ctas(territory));
      user("caf." + territory, "Conseillère CAF", name, Groups.partners(territory));
      user("ft." + territory, "Conseiller France Travail", name, Groups.partners(territory));
    }
    user("gestionnaire", "Gestionnaire des modèles", "National", Groups.MANAGERS);
    departements.tenants().forEach((tenantId, departement) -> {
      String userId = "pilote." + tenantId;
      user(userId, "Pilote", departement.name(), Groups.PILOTS);
      if (identityService.createTenantQuery().userMember(userId).tenantId(tenantId).count() == 0) {
        identityService.createTenantUserMembership(tenantId, userId);
      }
      user("gestionnaire." + tenantId, "Gestionnaire des modèles", departement.name(), Groups.managers(tenantId));
      String dpoId = "dpo." + tenantId;
      user(dpoId, "Délégué à la protection des données", departement.name(), Groups.DPO);
      if (identityService.createTenantQuery().userMember(dpoId).tenantId(tenantId).count() == 0) {
        identityService.createTenantUserMembership(tenantId, dpoId);
      }
    });
  }

  private void user(String userId, String firstName, String lastName, String groupId) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      User user = identityService.newUser(userId);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(userId + "@demo.parcours.invalid");
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
    }
    if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }
}
