package fr.parcours.database;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Parcours's additions to Camunda's schema ({@code db/parcours/<database>.sql}: indexes the
 * application's own queries need), applied right after the engine created or updated its schema,
 * when the engine manages the schema ({@code camunda.bpm.database.schema-update=true}: the embedded
 * H2 default, tests, throw-away databases). In production the engine never touches the schema:
 * {@code docker/schema.sh} applies the same file after Camunda's scripts.
 */
@Component
public class SchemaAdditions extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaAdditions.class);

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    if (ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE.equals(configuration.getDatabaseSchemaUpdate())) {
      return;
    }
    ClassPathResource script = script(configuration.getDatabaseType());
    if (!script.exists()) {
      LOG.warn("No schema additions for database type {} ({}): the application's own queries run without their indexes",
          configuration.getDatabaseType(), script.getPath());
      return;
    }
    DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(script), configuration.getDataSource());
    LOG.info("Schema additions applied: {}", script.getPath());
  }

  /** The additions' script for a Camunda database type ({@code h2}, {@code postgres}). */
  public static ClassPathResource script(String databaseType) {
    return new ClassPathResource("db/parcours/" + databaseType + ".sql");
  }
}
