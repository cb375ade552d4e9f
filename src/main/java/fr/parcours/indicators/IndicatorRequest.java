package fr.parcours.indicators;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import fr.parcours.identity.Departements;
import fr.parcours.identity.Departements.Departement;
import fr.parcours.web.Refusal;

/**
 * What the indicators are asked for: a département (tenant), optionally one of its territories, and
 * a period of whole days in Europe/Paris time, both bounds included ({@code from} absent: since the
 * first case; {@code to} absent: up to now).
 */
public record IndicatorRequest(String tenant, String territory, LocalDate from, LocalDate to) {

  public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  /** Checks the raw parameters; every problem is listed in one 400 message, in French. */
  public static IndicatorRequest parse(String tenant, String territory, String from, String to,
      Departements departements) {
    List<String> problems = new ArrayList<>();
    tenant = blankToNull(tenant);
    territory = blankToNull(territory);
    Departement departement = null;
    if (tenant == null) {
      problems.add("tenant est obligatoire : l'identifiant du département, parmi "
          + String.join(", ", departements.tenants().keySet()));
    } else {
      departement = departements.tenants().get(tenant);
      if (departement == null) {
        problems.add("tenant : département inconnu « " + tenant + " » (départements : "
            + String.join(", ", departements.tenants().keySet()) + ")");
      }
    }
    if (territory != null && departement != null && !departement.territories().containsKey(territory)) {
      problems.add("territory : « " + territory + " » n'est pas un territoire du département " + departement.name()
          + " (territoires : " + String.join(", ", departement.territories().keySet()) + ")");
    } else if (territory != null && departement == null && !departements.isTerritory(territory)) {
      problems.add("territory : territoire inconnu « " + territory + " »");
    }
    LocalDate start = date("from", from, problems);
    LocalDate end = date("to", to, problems);
    if (start != null && end != null && start.isAfter(end)) {
      problems.add("from (" + start + ") est postérieure à to (" + end + ") : la période est vide");
    }
    if (!problems.isEmpty()) {
      throw Refusal.badRequest("Paramètres invalides : " + String.join(" ; ", problems) + ".");
    }
    return new IndicatorRequest(tenant, territory, start, end);
  }

  /** Start of the period (inclusive), or null when the period starts with the first case. */
  public Instant start() {
    return from == null ? null : from.atStartOfDay(ZONE).toInstant();
  }

  /** End of the period (exclusive): the day after {@code to} at midnight, or {@code now} without {@code to}. */
  public Instant end(Instant now) {
    return to == null ? now : to.plusDays(1).atStartOfDay(ZONE).toInstant();
  }

  private static LocalDate date(String name, String value, List<String> problems) {
    value = blankToNull(value);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(name + " : date invalide « " + value + " », attendue au format AAAA-MM-JJ (par exemple 2025-01-31)");
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
