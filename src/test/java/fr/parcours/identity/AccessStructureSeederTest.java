package fr.parcours.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.ParcoursTest;

@ParcoursTest
class AccessStructureSeederTest {

  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired FilterService filterService;
  @Autowired AccessStructureSeeder accessStructureSeeder;
  @Autowired TasklistFilterSeeder tasklistFilterSeeder;
  @Autowired DemoUsersSeeder demoUsersSeeder;

  @Test
  void everyTerritoryHasItsThreeGroupsInItsTenant() {
    assertThat(identityService.createTenantQuery().list()).extracting("id")
        .contains("bas-rhin", "pas-de-calais");
    for (String territory : List.of("artois", "audomarois", "lens-lievin", "montreuillois")) {
      for (String group : List.of("ts-", "ctas-", "partners-")) {
        assertThat(identityService.createTenantQuery().groupMember(group + territory).singleResult().getId())
            .isEqualTo("pas-de-calais");
      }
    }
    assertThat(identityService.createGroupQuery().groupIdIn("ts-strasbourg", "ctas-saverne", "partners-haguenau",
        "pilots").count()).isEqualTo(4);
    assertThat(identityService.createTenantQuery().groupMember("ts-strasbourg").singleResult().getId())
        .isEqualTo("bas-rhin");
  }

  @Test
  void demoUsersCoverEveryRoleInTwoTerritoriesOfEachDepartement() {
    for (String territory : List.of("artois", "audomarois", "strasbourg", "saverne")) {
      for (String group : List.of("ts-", "ctas-", "partners-")) {
        assertThat(identityService.createUserQuery().memberOfGroup(group + territory).count())
            .as("users of %s%s", group, territory).isPositive();
      }
    }
    assertThat(identityService.createUserQuery().memberOfGroup("pilots").count()).isEqualTo(2);
    assertThat(identityService.checkPassword("demo", "demo")).isTrue();
    assertThat(identityService.checkPassword("ts.artois", "demo")).isTrue();
    assertThat(identityService.createUserQuery().memberOfGroup("camunda-admin").userId("demo").count()).isEqualTo(1);
  }

  @Test
  void seedingTwiceCreatesNothingTwice() {
    long[] before = counts();
    accessStructureSeeder.seed();
    tasklistFilterSeeder.seed();
    demoUsersSeeder.seed();
    assertThat(counts()).containsExactly(before);
  }

  private long[] counts() {
    return new long[] {
        identityService.createUserQuery().count(),
        identityService.createGroupQuery().count(),
        identityService.createTenantQuery().count(),
        identityService.createUserQuery().memberOfGroup("ts-artois").count(),
        identityService.createTenantQuery().groupMember("ts-artois").count(),
        authorizationService.createAuthorizationQuery().count(),
        filterService.createFilterQuery().count()
    };
  }
}
