package fr.parcours.tasklist;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.parcours.identity.Departements;

/**
 * The names of the départements and their territories, for the webapps' screens (Tasklist shows
 * « Pas-de-Calais » where the engine has the tenant id {@code pas-de-calais}). Public names from
 * the configuration, served beside the application's webapp modules ({@code app/parcours/}),
 * before login as the webapps' other static files.
 */
@RestController
class DepartementNames {

  private final Departements departements;

  DepartementNames(Departements departements) {
    this.departements = departements;
  }

  @GetMapping(path = "${camunda.bpm.webapp.application-path:/camunda}/app/parcours/departements.json",
      produces = "application/json;charset=UTF-8")
  ResponseEntity<Map<String, Object>> names() {
    Map<String, Object> byTenant = new LinkedHashMap<>();
    departements.tenants().forEach((tenant, departement) -> {
      Map<String, String> territories = new LinkedHashMap<>();
      departement.territories().forEach((code, territory) -> territories.put(code, territory.name()));
      byTenant.put(tenant, Map.of("name", departement.name() == null ? tenant : departement.name(),
          "territories", territories));
    });
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(byTenant);
  }
}
