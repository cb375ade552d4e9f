package fr.parcours.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcours.support.ParcoursTest;

/**
 * The engine created the schema of the test database itself ({@code schema-update=true}); the
 * application then added its own indexes, as {@code docker/schema.sh} does in production.
 */
@ParcoursTest
class SchemaAdditionsTest {

  @Autowired
  DataSource dataSource;

  @Autowired
  ProcessEngine processEngine;

  @Test
  void theVariableValueIndexOfTheAdmissionCheckIsInTheSchema() throws Exception {
    assertThat(indexesOf("ACT_RU_VARIABLE")).contains("PARCOURS_IDX_VARIABLE_TEXT");
  }

  @Test
  void everyDatabaseTheApplicationRunsOnHasItsAdditions() {
    String type = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getDatabaseType();
    assertThat(SchemaAdditions.script(type).exists()).isTrue();
    assertThat(SchemaAdditions.script("h2").exists()).isTrue();
    assertThat(SchemaAdditions.script("postgres").exists()).isTrue();
  }

  private List<String> indexesOf(String table) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      // PostgreSQL folds unquoted names to lower case, H2 to upper case
      for (String name : List.of(table, table.toLowerCase())) {
        try (ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, name, false, false)) {
          while (indexes.next()) {
            if (indexes.getString("INDEX_NAME") != null) {
              names.add(indexes.getString("INDEX_NAME").toUpperCase());
            }
          }
        }
      }
    }
    return names;
  }
}
