package fr.parcours.access;

import java.util.List;

import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * Camunda's authorization manager, except that it checks a user's groups as they are. Camunda first
 * keeps only the groups that hold some authorization ({@code SELECT DISTINCT GROUP_ID_ FROM
 * ACT_RU_AUTHORIZATION}, once per command) so that users in hundreds of directory groups get short
 * {@code IN} lists. Here a user is in one to three groups while need-to-know access writes about a
 * dozen grants per case: that scan of the whole table took 38–104 ms at 15,000 open cases, five
 * times per Tasklist request (docs/benchmarks.md). A group without authorizations matches no grant,
 * so every check answers the same without the filter.
 */
public class GroupsAsGivenAuthorizationManager extends AuthorizationManager {

  @Override
  public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
    return authenticatedGroupIds == null ? List.of() : authenticatedGroupIds;
  }

  /** Opens this manager wherever the engine asks for its {@link AuthorizationManager}. */
  static class Factory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return AuthorizationManager.class;
    }

    @Override
    public Session openSession() {
      return new GroupsAsGivenAuthorizationManager();
    }
  }
}
