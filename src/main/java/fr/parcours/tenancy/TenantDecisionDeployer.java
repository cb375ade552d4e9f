package fr.parcours.tenancy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import fr.parcours.identity.Departements;

/**
 * Deploys the decision tables a département overrides, found under
 * {@code bpmn/tenants/<tenant>/*.dmn}, for that tenant only. Duplicate filtering makes a restart
 * deploy nothing new unless a table changed.
 */
@Component
public class TenantDecisionDeployer {

  private static final Pattern TENANT_TABLE = Pattern.compile(".*/bpmn/tenants/([a-z0-9-]+)/([^/]+\\.dmn)$");

  private final RepositoryService repositoryService;
  private final Departements departements;

  public TenantDecisionDeployer(RepositoryService repositoryService, Departements departements) {
    this.repositoryService = repositoryService;
    this.departements = departements;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  public void deployTenantTables() throws IOException {
    Resource[] tables = new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/tenants/*/*.dmn");
    for (String tenantId : departements.tenants().keySet()) {
      DeploymentBuilder deployment = repositoryService.createDeployment()
          .name("parcours-" + tenantId)
          .tenantId(tenantId)
          .enableDuplicateFiltering(false);
      boolean any = false;
      for (Resource table : tables) {
        Matcher matcher = TENANT_TABLE.matcher(table.getURL().toString());
        if (matcher.matches() && matcher.group(1).equals(tenantId)) {
          try (InputStream in = table.getInputStream()) {
            deployment.addInputStream(matcher.group(2), in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          any = true;
        }
      }
      if (any) {
        deployment.deploy();
      }
    }
  }
}
