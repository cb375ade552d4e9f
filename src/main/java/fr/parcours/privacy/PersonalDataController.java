package fr.parcours.privacy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.parcours.identity.Groups;
import fr.parcours.web.Refusal;

/**
 * The person's rights, for the operators who answer them: {@code GET /api/persons/{personRef}/export}
 * (everything held, as JSON) and {@code DELETE /api/persons/{personRef}} (erasure, runtime and
 * history). Members of {@code dpo} act for the départements (tenants) they belong to, members of
 * {@code camunda-admin} for all; anyone else gets 403. Authentication: HTTP Basic, as the engine
 * REST API.
 */
@RestController
@RequestMapping("/api/persons")
public class PersonalDataController {

  private final PersonalData personalData;
  private final IdentityService identityService;

  public PersonalDataController(PersonalData personalData, ProcessEngine engine) {
    this.personalData = personalData;
    this.identityService = engine.getIdentityService();
  }

  @GetMapping("/{personRef}/export")
  public Map<String, Object> export(@PathVariable String personRef) {
    return personalData.export(personRef, operator());
  }

  @DeleteMapping("/{personRef}")
  public Map<String, Object> erase(@PathVariable String personRef) {
    return personalData.erase(personRef, operator());
  }

  private PersonalData.Operator operator() {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      throw Refusal.unauthorized();
    }
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    if (groups.contains(Groups.ADMINS)) {
      return new PersonalData.Operator(caller.getUserId(), null);
    }
    if (groups.contains(Groups.DPO)) {
      return new PersonalData.Operator(caller.getUserId(), caller.getTenantIds() == null ? List.of() : caller.getTenantIds());
    }
    throw Refusal.forbidden(
        "Réservé aux délégués à la protection des données (groupe " + Groups.DPO + ") et aux administrateurs");
  }
}
