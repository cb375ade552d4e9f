package fr.parcours.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The full name of a user as shown to people ("Prénom Nom"): case file, documents; their id when unknown. */
@Component
public class UserNames {

  private final IdentityService identityService;

  public UserNames(@Lazy IdentityService identityService) {
    this.identityService = identityService;
  }

  /** Called on an accessible case only, without authorization checks (users are not readable to everyone). */
  public String fullName(String userId) {
    if (userId == null || userId.isBlank()) {
      return null;
    }
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return name.isEmpty() ? userId : name;
  }
}
