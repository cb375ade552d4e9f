package fr.parcours.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/** Tasklist is served with the corrected validity check, so forms with dynamic lists can be submitted. */
@ParcoursTest
class FormValidationFixTest {

  @LocalServerPort int port;

  @Test
  void tasklistCountsOnlyRealErrorMessages() {
    EngineRest.Response script = EngineRest.anonymous(port)
        .get("/camunda/app/tasklist/camunda-tasklist-bootstrap.js?bust=7.24.0");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.body()).contains(FormValidationFix.FIXED_CHECK).doesNotContain(FormValidationFix.FAULTY_CHECK);
  }

  @Test
  void theFixedCheckIsTheOnlyChange() {
    byte[] fixed = FormValidationFix.fixedScript();
    assertThat(fixed).isNotNull();
    assertThat(new String(fixed, java.nio.charset.StandardCharsets.UTF_8))
        .contains("camunda-forms").contains(FormValidationFix.FIXED_CHECK);
  }
}
