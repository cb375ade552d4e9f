package fr.parcours.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The départements (Camunda tenants) served by this installation and their territories, from
 * {@code parcours.tenants} in the configuration. Every territory code is unique across tenants:
 * a case's territory alone tells its tenant.
 */
@ConfigurationProperties("parcours")
public class Departements {

  private final Map<String, Departement> tenants;

  public Departements(Map<String, Departement> tenants) {
    this.tenants = tenants == null ? Map.of() : new LinkedHashMap<>(tenants);
    long codes = this.tenants.values().stream().flatMap(d -> d.territories().keySet().stream()).distinct().count();
    long declared = this.tenants.values().stream().mapToLong(d -> d.territories().size()).sum();
    if (codes != declared) {
      throw new IllegalStateException("parcours.tenants: a territory code is declared in two départements");
    }
  }

  public Map<String, Departement> tenants() {
    return tenants;
  }

  public Optional<String> tenantOf(String territory) {
    return tenants.entrySet().stream()
        .filter(e -> e.getValue().territories().containsKey(territory))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  public boolean isTerritory(String territory) {
    return tenantOf(territory).isPresent();
  }

  public Stream<String> territoryCodes() {
    return tenants.values().stream().flatMap(d -> d.territories().keySet().stream());
  }

  /**
   * A département: its name, population, territories and the contact of its data-protection
   * officer ({@code dpo}, given to the persons with their copy of their plan; optional).
   */
  public record Departement(String name, long population, Map<String, Territory> territories, Contact dpo) {
    public Departement {
      territories = territories == null ? Map.of() : new LinkedHashMap<>(territories);
    }
  }

  /** A service's contact as given to the public: name, postal address, e-mail, telephone (each optional). */
  public record Contact(String name, String address, String email, String phone) {}

  public record Territory(String name, long population) {}
}
