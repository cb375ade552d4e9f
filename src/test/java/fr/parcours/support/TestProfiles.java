package fr.parcours.support;

import org.springframework.test.context.ActiveProfilesResolver;

/**
 * The same suite runs on H2 (default) and on PostgreSQL ({@code -Dparcours.test.db=postgres},
 * database given by PARCOURS_DB_URL). The demo profile supplies the départements and demo users
 * the tests act as.
 */
public class TestProfiles implements ActiveProfilesResolver {

  public static boolean onPostgres() {
    return "postgres".equals(System.getProperty("parcours.test.db", "h2"));
  }

  @Override
  public String[] resolve(Class<?> testClass) {
    return onPostgres()
        ? new String[] {"demo", "postgres", "test"}
        : new String[] {"demo", "test-h2", "test"};
  }
}
