package fr.parcours.notifications;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import fr.parcours.engine.EngineCalls;
import fr.parcours.identity.Groups;

/**
 * The e-mail addresses of users and group members, from Camunda's identity service. Pilots are
 * never notified about a case (they see indicators only); users without an address are skipped.
 * Looked up without the caller's authorizations: who is notified does not depend on who did the
 * step.
 */
@Component
public class Recipients {

  /** A user with an e-mail address. */
  public record Recipient(String userId, String address) {}

  private final EngineCalls engineCalls;

  public Recipients(EngineCalls engineCalls) {
    this.engineCalls = engineCalls;
  }

  /** The users with these ids and the members of these groups, each once, in that order. */
  public List<Recipient> of(Collection<String> userIds, Collection<String> groupIds) {
    return engineCalls.withoutChecks(() -> {
      IdentityService identity = engineCalls.engine().getIdentityService();
      Map<String, User> users = new LinkedHashMap<>();
      List<String> ids = userIds.stream().filter(id -> id != null && !id.isBlank()).distinct().toList();
      if (!ids.isEmpty()) {
        identity.createUserQuery().userIdIn(ids.toArray(String[]::new)).list().stream()
            .sorted((a, b) -> Integer.compare(ids.indexOf(a.getId()), ids.indexOf(b.getId())))
            .forEach(user -> users.putIfAbsent(user.getId(), user));
      }
      for (String group : groupIds) {
        identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()
            .forEach(user -> users.putIfAbsent(user.getId(), user));
      }
      Set<String> pilots = identity.createUserQuery().memberOfGroup(Groups.PILOTS).list().stream()
          .map(User::getId).collect(Collectors.toSet());
      return users.values().stream()
          .filter(user -> !pilots.contains(user.getId()))
          .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
          .map(user -> new Recipient(user.getId(), user.getEmail().trim()))
          .toList();
    });
  }
}
