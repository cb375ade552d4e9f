package fr.parcours.models;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.parcours.models.ModelContract.Processes;

/**
 * The managers' API on the models (HTTP Basic, as the engine REST API):
 * {@code GET /api/models/{key}/versions} — every version, where it came from, its open cases and
 * steps (counts only); {@code POST /api/models/pathway/migrations} {@code {"fromVersion": 3,
 * "dryRun": true}} — the generated plan, then, without {@code dryRun}, the batch moving the open
 * cases of that version to the latest one.
 */
@RestController
@RequestMapping("/api/models")
public class ModelsController {

  private final ModelVersions versions;
  private final IdentityService identityService;

  public ModelsController(ModelVersions versions, ProcessEngine engine) {
    this.versions = versions;
    this.identityService = engine.getIdentityService();
  }

  @GetMapping("/{key}/versions")
  public List<Map<String, Object>> versions(@PathVariable String key) {
    return versions.versions(identityService.getCurrentAuthentication(), key);
  }

  /** The migration request: the version whose open cases move to the latest, and whether only to show the plan. */
  public record MigrationRequest(Integer fromVersion, Boolean dryRun) {
  }

  @PostMapping("/" + Processes.PATHWAY + "/migrations")
  public Map<String, Object> migrate(@RequestBody(required = false) MigrationRequest request) {
    MigrationRequest asked = request == null ? new MigrationRequest(null, true) : request;
    return versions.migratePathway(identityService.getCurrentAuthentication(), asked.fromVersion(),
        asked.dryRun() == null || asked.dryRun());
  }
}
