package fr.parcours.casefile;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The full name of a user shown in the case file ("Prénom Nom"), or their id when unknown. */
@Component
class UserNames {

  private final IdentityService identityService;

  UserNames(@Lazy IdentityService identityService) {
    this.identityService = identityService;
  }

  /** Called on an accessible case only (inside {@link EngineCalls#onAccessibleCase}: no authorization check). */
  String fullName(String userId) {
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
