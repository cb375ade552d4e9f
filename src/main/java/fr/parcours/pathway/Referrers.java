package fr.parcours.pathway;

import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import fr.parcours.engine.EngineCalls;
import fr.parcours.identity.Departements;
import fr.parcours.identity.Departements.Departement;
import fr.parcours.identity.Groups;
import fr.parcours.web.Refusal;

/**
 * Who refers a case (variable {@code referrerId}, to whom a redirection of the case goes): the
 * logged-in user who fills in the referral, unless they refer on behalf of a social worker of the
 * case's territory (group {@code ts-<territory>}), chosen in the referral form among the social
 * workers of their own territories ({@link #choices}, served to Tasklist by the plugin resource).
 */
@Component
public class Referrers {

  private final EngineCalls engine;
  private final Departements departements;

  public Referrers(EngineCalls engine, Departements departements) {
    this.engine = engine;
    this.departements = departements;
  }

  /** An option of the referral form's select, as form-js reads it. */
  public record Choice(String label, String value) {}

  /**
   * The social workers the caller may refer on behalf of: the members of the {@code ts-} groups of
   * the territories the caller works in (as a social worker or in its CTAS, those who may refer),
   * the caller excepted, by territory then name.
   */
  public List<Choice> choices(Authentication caller) {
    if (caller == null || caller.getUserId() == null) {
      throw Refusal.unauthorized();
    }
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    return engine.withoutChecks(() -> departements.tenants().values().stream()
        .flatMap(departement -> departement.territories().entrySet().stream())
        .filter(territory -> groups.contains(Groups.socialWorkers(territory.getKey()))
            || groups.contains(Groups.ctas(territory.getKey())))
        .flatMap(territory -> engine.engine().getIdentityService().createUserQuery()
            .memberOfGroup(Groups.socialWorkers(territory.getKey())).orderByUserLastName().asc().list().stream()
            .filter(user -> !user.getId().equals(caller.getUserId()))
            .map(user -> new Choice(name(user) + " — " + territory.getValue().name() + " (" + user.getId() + ")",
                user.getId())))
        .distinct()
        .toList());
  }

  /**
   * Checks the referrer of a new case: the one chosen, else the caller. Returns a problem (French,
   * naming the form's {@code label}) when a logged-in user names someone else than a social worker of
   * the territory, or when nobody is named and no user is logged in; null when the referrer is fine.
   * Without a logged-in user (the application's own code: the demo, imports) the one named is trusted.
   */
  public String problem(String chosen, String caller, String territory, String label) {
    if (chosen == null) {
      return caller == null ? label + " est obligatoire : l'identifiant de la personne qui oriente" : null;
    }
    if (caller == null || chosen.equals(caller) || territory == null || isSocialWorkerOf(chosen, territory)) {
      return null;
    }
    return label + " : « " + chosen + " » n'est pas travailleur social du territoire " + territoryName(territory)
        + " (seuls ses travailleurs sociaux peuvent être orienteurs pour le compte d'un collègue)";
  }

  boolean isSocialWorkerOf(String userId, String territory) {
    return engine.withoutChecks(() -> engine.engine().getIdentityService().createUserQuery().userId(userId)
        .memberOfGroup(Groups.socialWorkers(territory)).count() > 0);
  }

  private String territoryName(String territory) {
    return departements.tenants().values().stream().map(Departement::territories)
        .map(territories -> territories.get(territory)).filter(Objects::nonNull)
        .map(Departements.Territory::name).findFirst().orElse(territory);
  }

  private static String name(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return name.isEmpty() ? user.getId() : name;
  }
}
