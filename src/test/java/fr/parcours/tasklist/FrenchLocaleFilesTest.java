package fr.parcours.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The French texts of Tasklist and of the welcome page cover Camunda's English file entirely: same
 * keys and structure, no empty text, the same {{placeholders}}, HTML fragments and moment.js
 * substitutions per text, every text actually translated, and the terms the team agreed on.
 */
class FrenchLocaleFilesTest {

  /** The terms the team agreed on for Tasklist (the browser tests rely on them). */
  static final Map<String, String> AGREED = Map.ofEntries(
      Map.entry("PAGE_LOGIN_USERNAME", "Identifiant"),
      Map.entry("PAGE_LOGIN_PASSWORD", "Mot de passe"),
      Map.entry("PAGE_LOGIN_SIGN_IN_ACTION", "Se connecter"),
      Map.entry("START_PROCESS", "Démarrer une démarche"),
      Map.entry("START", "Démarrer"),
      Map.entry("CLAIM_TASK", "Prendre en charge"),
      Map.entry("Claim", "Prendre en charge"),
      Map.entry("UNCLAIM_TASK", "Libérer"),
      Map.entry("COMPLETE", "Valider"),
      Map.entry("Complete", "Valider"),
      Map.entry("SAVE", "Enregistrer"),
      Map.entry("FORM", "Formulaire"),
      Map.entry("HISTORY", "Historique"),
      Map.entry("DIAGRAM", "Schéma"),
      Map.entry("DUE_DATE", "Échéance"),
      Map.entry("dueDate", "Échéance"),
      Map.entry("TASKS", "Tâches"));

  /** Texts written the same in both languages: product names, symbols, French words spelled as in English. */
  static final Set<String> SAME_IN_FRENCH = Set.of("Camunda", "Cockpit", "Tasklist", "Admin", "<", "<=", ">", ">=",
      "<null>", "Action", "Date", "Description", "Type", "Variables", "Applications", "Documentation");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*?}}");
  private static final Pattern HTML = Pattern.compile("</?(?:a|b|br|code|em|i|p|span|strong)\\b[^>]*>|&[a-z]+;");
  private static final Pattern MOMENT_SUBSTITUTION = Pattern.compile("%[ds]");

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome"})
  void everyEnglishTextHasItsFrenchText(String app) {
    JsonNode english = english(app);
    JsonNode french = french(app);

    assertThat(fieldNames(french)).as("top-level parts of " + app + "/locales/fr.json").isEqualTo(fieldNames(english));
    assertThat(fieldNames(french.path("labels"))).as(app + " labels").isEqualTo(fieldNames(english.path("labels")))
        .hasSize(app.equals("tasklist") ? 412 : 172);

    SoftAssertions softly = new SoftAssertions();
    compare(english, french, app, softly);
    softly.assertAll();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome"})
  void everyTextIsTranslated(String app) {
    JsonNode english = english(app).path("labels");
    JsonNode french = french(app).path("labels");
    List<String> untranslated = new ArrayList<>();
    english.fieldNames().forEachRemaining(key -> {
      String text = french.path(key).asText();
      if (text.equals(english.path(key).asText()) && !SAME_IN_FRENCH.contains(text)) {
        untranslated.add(key + " = " + text);
      }
    });
    assertThat(untranslated).as(app + " texts left in English").isEmpty();
  }

  @Test
  void tasklistUsesTheAgreedTerms() {
    JsonNode labels = french("tasklist").path("labels");
    AGREED.forEach((key, text) -> assertThat(labels.path(key).asText()).as("tasklist " + key).isEqualTo(text));
  }

  @Test
  void theWelcomePageUsesTheSameTermsForTheSameTexts() {
    JsonNode tasklist = french("tasklist").path("labels");
    JsonNode tasklistEnglish = english("tasklist").path("labels");
    JsonNode english = english("welcome").path("labels");
    JsonNode welcome = french("welcome").path("labels");
    List<String> shared = new ArrayList<>();
    english.fieldNames().forEachRemaining(key -> {
      if (tasklistEnglish.path(key).asText().equals(english.path(key).asText()) && tasklistEnglish.has(key)) {
        shared.add(key);
        assertThat(welcome.path(key).asText()).as("welcome " + key).isEqualTo(tasklist.path(key).asText());
      }
    });
    // the login form of the welcome page is among them
    assertThat(shared).contains("PAGE_LOGIN_USERNAME", "PAGE_LOGIN_PASSWORD", "PAGE_LOGIN_SIGN_IN_ACTION", "START", "SAVE",
        "TASKS");
  }

  @Test
  void datesAreWrittenTheFrenchWay() {
    JsonNode dates = french("tasklist").path("dateLocales");
    assertThat(dates.path("months").get(0).asText()).isEqualTo("janvier");
    assertThat(dates.path("weekdays").get(1).asText()).isEqualTo("lundi");
    assertThat(dates.path("longDateFormat").path("L").asText()).isEqualTo("DD/MM/YYYY");
    assertThat(dates.path("relativeTime").path("past").asText()).isEqualTo("il y a %s");
    assertThat(dates.path("week").path("dow").asInt()).as("weeks start on Monday").isEqualTo(1);
  }

  /** Same structure, and per text: not blank, same placeholders, HTML fragments and substitutions. */
  private static void compare(JsonNode english, JsonNode french, String path, SoftAssertions softly) {
    if (english.isObject()) {
      softly.assertThat(french.isObject()).as(path + " is an object").isTrue();
      softly.assertThat(fieldNames(french)).as(path + " keys").isEqualTo(fieldNames(english));
      english.fieldNames().forEachRemaining(key -> {
        if (french.has(key)) {
          compare(english.get(key), french.get(key), path + "." + key, softly);
        }
      });
    } else if (english.isArray()) {
      softly.assertThat(french.isArray()).as(path + " is a list").isTrue();
      softly.assertThat(french.size()).as(path + " size").isEqualTo(english.size());
      for (int i = 0; i < Math.min(english.size(), french.size()); i++) {
        compare(english.get(i), french.get(i), path + "[" + i + "]", softly);
      }
    } else if (english.isTextual()) {
      softly.assertThat(french.isTextual()).as(path + " is a text").isTrue();
      String text = french.asText();
      softly.assertThat(text).as(path).isNotBlank();
      softly.assertThat(all(PLACEHOLDER, text)).as(path + " placeholders").isEqualTo(all(PLACEHOLDER, english.asText()));
      softly.assertThat(all(HTML, text)).as(path + " HTML").isEqualTo(all(HTML, english.asText()));
      softly.assertThat(all(MOMENT_SUBSTITUTION, text)).as(path + " substitutions")
          .isEqualTo(all(MOMENT_SUBSTITUTION, english.asText()));
    } else {
      softly.assertThat(french).as(path).isEqualTo(english);
    }
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    Collections.sort(found);
    return found;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      names.add(it.next());
    }
    return names;
  }

  static JsonNode english(String app) {
    return parse(WebappResources.webjar(app + "/locales/en.json"));
  }

  static JsonNode french(String app) {
    return parse(WebappResources.project(app + "/locales/fr.json"));
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
