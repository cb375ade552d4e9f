package fr.parcours.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import fr.parcours.support.EngineRest;
import fr.parcours.support.ParcoursTest;

/**
 * The application serves Tasklist and the welcome page (where one logs in) in French by default:
 * its French texts and configurations take the place of the webjar's, English stays available.
 */
@ParcoursTest
class FrenchLocaleServedTest {

  private static final Pattern LOCALES = Pattern.compile(
      "locales\\s*:\\s*\\{\\s*availableLocales\\s*:\\s*\\[([^\\]]*)]\\s*,\\s*fallbackLocale\\s*:\\s*'([^']*)'\\s*},?");

  @LocalServerPort int port;

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome"})
  void theFrenchTextsAreServed(String app) {
    EngineRest.Response served = EngineRest.anonymous(port).get("/camunda/app/" + app + "/locales/fr.json");

    assertThat(served.status()).isEqualTo(200);
    JsonNode labels = served.json().path("labels");
    assertThat(served.json()).isEqualTo(FrenchLocaleFilesTest.french(app));
    assertThat(labels.path("PAGE_LOGIN_USERNAME").asText()).isEqualTo("Identifiant");
    assertThat(labels.path("PAGE_LOGIN_PASSWORD").asText()).isEqualTo("Mot de passe");
    assertThat(labels.path("PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("Se connecter");
    assertThat(labels.path("TASKS").asText()).isEqualTo("Tâches");
    if (app.equals("tasklist")) {
      FrenchLocaleFilesTest.AGREED.forEach((key, text) -> assertThat(labels.path(key).asText()).as(key).isEqualTo(text));
      assertThat(served.json().path("dateLocales").path("months").get(1).asText()).isEqualTo("février");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome"})
  void englishStaysAvailable(String app) {
    EngineRest.Response served = EngineRest.anonymous(port).get("/camunda/app/" + app + "/locales/en.json");

    assertThat(served.status()).isEqualTo(200);
    assertThat(served.body().replace("\uFEFF", "")).isEqualTo(WebappResources.webjar(app + "/locales/en.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome"})
  void theConfigurationMakesFrenchTheDefault(String app) {
    EngineRest.Response served = EngineRest.anonymous(port).get("/camunda/app/" + app + "/scripts/config.js");

    assertThat(served.status()).isEqualTo(200);
    String code = withoutComments(served.body());
    Matcher locales = LOCALES.matcher(code);
    assertThat(locales.find()).as("locales declared in the served " + app + " config.js:\n" + code).isTrue();
    assertThat(List.of(locales.group(1).replaceAll("[\\s']", "").split(","))).containsExactly("fr", "en");
    assertThat(locales.group(2)).isEqualTo("fr");

    // every other setting is Camunda's own, but for the application's AngularJS modules
    String original = withoutComments(WebappResources.webjar(app + "/scripts/config.js"));
    String others = APPLICATION_MODULES.matcher(locales.replaceFirst("")).replaceFirst("");
    assertThat(withoutDescriptions(compact(others))).isEqualTo(withoutDescriptions(compact(original)));
  }

  /** The requireJsConfig that loads the application's AngularJS modules (app/parcours/*.js). */
  private static final Pattern APPLICATION_MODULES =
      Pattern.compile("requireJsConfig:\\s*\\{(?:[^{}]|\\{[^{}]*\\})*\\},?");

  private static String withoutComments(String script) {
    return script.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
  }

  /** The keyboard shortcuts keep Camunda's keys; their descriptions are in French. */
  private static String withoutDescriptions(String script) {
    return script.replaceAll("description:'[^']*'", "");
  }

  private static String compact(String script) {
    return script.replaceAll("\\s+", "");
  }
}
