package fr.parcours.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import fr.parcours.support.ParcoursTest;

/**
 * {@code GET /api/indicators} over the known history of {@link IndicatorDataset}: every indicator's
 * numerator, denominator and value per territory and per period (Paris-time day boundaries), the
 * operational figures, the CSV, who may read them and the refusal of bad parameters.
 */
@ParcoursTest
class IndicatorsApiTest {

  static final String PDC = "tenant=pas-de-calais";
  static final String MONTREUILLOIS_2019 = PDC + "&territory=montreuillois&from=2019-01-01&to=2019-12-31";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @BeforeEach
  void dataset() {
    IndicatorDataset.ensure(engine);
  }

  @Test
  void everyIndicatorOfATerritoryOverAYear() {
    JsonNode report = report("pilote.pas-de-calais", MONTREUILLOIS_2019);

    assertThat(report.path("tenantName").asText()).isEqualTo("Pas-de-Calais");
    assertThat(report.path("territoryName").asText()).isEqualTo("Montreuillois");
    // the démarche runs in the territory: its whole population is covered
    assertIndicator(report, "coverage", 110_000, 110_000L, 100.0, 100.0);
    // C1..C10 and O1 admitted; C10 is C1's person again
    assertIndicator(report, "personsAccompanied", 10, null, 10, null);
    assertThat(indicator(report, "personsAccompanied").path("unit").asText()).isEqualTo("personnes");
    // CAF, Mission locale, CCAS, Association Rebond (interveners); France Travail, Département, ASE (committees)
    assertIndicator(report, "partners", 7, null, 7, null);
    assertThat(indicator(report, "partners").path("details")).extracting(JsonNode::asText)
        .containsExactly("ASE", "Association Rebond", "CAF", "CCAS", "Département", "France Travail", "Mission locale");
    // caf.artois (partners-artois) is trained; the Mission locale adviser, the CCAS worker and the outsider are not
    assertIndicator(report, "trainedInterveners", 1, 4L, 25.0, null);
    // 22 sittings in 2019: 21 with 3 of 4 members present, the adjourned one with 2 of 4
    assertIndicator(report, "partnerAttendance", 65, 88L, 73.9, 80.0);
    // the person absent at C3's review and at C5's adjourned sitting
    assertIndicator(report, "personAttendance", 20, 22L, 90.9, 80.0);
    // C1..C9 completed in 2019, all positive; C10 completes in 2020
    assertIndicator(report, "positiveEvolution", 9, 9L, 100.0, 90.0);

    JsonNode operations = report.path("operations");
    assertThat(operations.path("openCases").asLong()).as("O1, O2, B1 and C10 open at the end of 2019").isEqualTo(4);
    assertThat(operations.path("referrals").asLong()).isEqualTo(15);
    assertThat(operations.path("admissions").asLong()).isEqualTo(11);
    // admitted after 2..11 and 20 days: the median is 7 days
    assertThat(operations.path("medianDaysReferralToAdmission").asDouble()).isEqualTo(7.0);
    // O2's consent (due 2019-12-16) and O1's coordination (due 14 days after its agreement)
    assertThat(operations.path("overdueTasks").asLong()).isEqualTo(2);
    assertThat(steps(operations)).containsExactly(Map.entry("recordConsent", 2L), Map.entry("coordinatePathway", 1L));
    assertThat(operations.path("casesPerStep").get(0).path("name").asText())
        .isEqualTo("Recueillir l'adhésion de la personne");
  }

  @Test
  void theNextYearAndTheWholeDepartement() {
    JsonNode montreuillois = report("pilote.pas-de-calais", PDC + "&territory=montreuillois&from=2020-01-01&to=2020-12-31");
    // C10's review committee on 2020-01-02, the person present
    assertIndicator(montreuillois, "partnerAttendance", 3, 4L, 75.0, 80.0);
    assertIndicator(montreuillois, "personAttendance", 1, 1L, 100.0, 80.0);
    // C10 completed without positive evolution
    assertIndicator(montreuillois, "positiveEvolution", 0, 1L, 0.0, 90.0);
    // C10 until its end on 2020-01-02, O1 still followed
    assertIndicator(montreuillois, "personsAccompanied", 2, null, 2, null);
    assertThat(montreuillois.path("operations").path("referrals").asLong()).isZero();
    assertThat(montreuillois.path("operations").path("admissions").asLong()).isZero();
    assertThat(montreuillois.path("operations").path("medianDaysReferralToAdmission").isNull()).isTrue();

    JsonNode departement = report("pilote.pas-de-calais", PDC + "&from=2020-01-01&to=2020-12-31");
    // Montreuillois and Lens-Liévin run the démarche
    assertIndicator(departement, "coverage", 358_957, 1_465_000L, 24.5, 100.0);
    // plus L1's admission committee: 4 of 4 present, the person absent
    assertIndicator(departement, "partnerAttendance", 7, 8L, 87.5, 80.0);
    assertIndicator(departement, "personAttendance", 1, 2L, 50.0, 80.0);
    assertIndicator(departement, "personsAccompanied", 3, null, 3, null);
    assertThat(departement.path("operations").path("referrals").asLong()).isEqualTo(1);
    assertThat(departement.path("operations").path("admissions").asLong()).isEqualTo(1);
    assertThat(departement.path("operations").path("medianDaysReferralToAdmission").asDouble()).isEqualTo(2.0);
  }

  @Test
  void overBothYearsNineOfTenCompletedPathwaysEvolvedPositively() {
    JsonNode report = report("pilote.pas-de-calais", PDC + "&territory=montreuillois&from=2019-01-01&to=2020-12-31");
    assertIndicator(report, "positiveEvolution", 9, 10L, 90.0, 90.0);
    assertIndicator(report, "partnerAttendance", 68, 92L, 73.9, 80.0);
    assertIndicator(report, "personAttendance", 21, 23L, 91.3, 80.0);
  }

  @Test
  void periodBoundariesAreDaysInParisTime() {
    // B1 was referred on 2019-12-31 at 23:30 Paris time (22:30 UTC), L1 on 2020-01-01 at 00:30 (2019-12-31 23:30 UTC)
    assertThat(report("pilote.pas-de-calais", PDC + "&from=2019-12-31&to=2019-12-31")
        .path("operations").path("referrals").asLong()).isEqualTo(1);
    assertThat(report("pilote.pas-de-calais", PDC + "&territory=montreuillois&from=2019-12-31&to=2019-12-31")
        .path("operations").path("referrals").asLong()).isEqualTo(1);
    assertThat(report("pilote.pas-de-calais", PDC + "&from=2020-01-01&to=2020-01-01")
        .path("operations").path("referrals").asLong()).isEqualTo(1);
    assertThat(report("pilote.pas-de-calais", PDC + "&territory=lens-lievin&from=2019-12-31&to=2019-12-31")
        .path("operations").path("referrals").asLong()).isZero();
    // coverage counts the territories running the démarche by the end of the period
    assertIndicator(report("pilote.pas-de-calais", PDC + "&from=2019-01-01&to=2019-12-31"), "coverage",
        110_000, 1_465_000L, 7.5, 100.0);
    assertIndicator(report("pilote.pas-de-calais", PDC + "&territory=lens-lievin&to=2019-12-31"), "coverage",
        0, 248_957L, 0.0, 100.0);
    assertIndicator(report("pilote.pas-de-calais", PDC + "&territory=lens-lievin&to=2020-01-01"), "coverage",
        248_957, 248_957L, 100.0, 100.0);
    // C10's review committee of 2020-01-02 is not in a period ending the day before
    assertIndicator(report("pilote.pas-de-calais", PDC + "&territory=montreuillois&from=2020-01-01&to=2020-01-01"),
        "partnerAttendance", 0, 0L, null, 80.0);
    assertIndicator(report("pilote.pas-de-calais", PDC + "&territory=montreuillois&from=2020-01-02&to=2020-01-02"),
        "partnerAttendance", 3, 4L, 75.0, 80.0);
  }

  @Test
  void eachDepartementSeesOnlyItsOwnCases() {
    JsonNode pasDeCalais = report("pilote.pas-de-calais", PDC + "&from=2019-01-01&to=2019-12-31");
    assertThat(pasDeCalais.path("operations").path("referrals").asLong()).isEqualTo(15);
    JsonNode basRhin = report("pilote.bas-rhin", "tenant=bas-rhin&from=2019-01-01&to=2019-12-31");
    assertThat(basRhin.path("operations").path("referrals").asLong()).isEqualTo(1);
    assertThat(basRhin.path("operations").path("openCases").asLong()).isEqualTo(1);
    assertIndicator(basRhin, "coverage", 150_000, 1_140_000L, 13.2, 100.0);
    assertIndicator(basRhin, "personsAccompanied", 0, null, 0, null);
  }

  @Test
  void csvHasTheSameFiguresForASpreadsheet() {
    IndicatorsHttp.Response response = IndicatorsHttp.as(port, "pilote.pas-de-calais").get("/api/indicators?" + MONTREUILLOIS_2019
        + "&format=csv");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.bytes()).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String csv = response.body().substring(1);
    String[] lines = csv.split("\r\n");
    assertThat(lines[0]).isEqualTo("Code;Indicateur;Numérateur;Dénominateur;Valeur;Unité;Cible;Département;Territoire;Du;Au;Détail");
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] cells = lines[i].split(";", -1);
      assertThat(cells).as(lines[i]).hasSize(12);
      rows.put(cells[0], cells);
    }
    assertThat(rows.get("partnerAttendance")).startsWith("partnerAttendance",
        "Taux de présence des partenaires aux instances", "65", "88", "73,9", "%", "80", "Pas-de-Calais",
        "Montreuillois", "2019-01-01", "2019-12-31");
    assertThat(rows.get("personsAccompanied")).startsWith("personsAccompanied",
        "Personnes accompagnées par un référent de parcours", "10", "", "10", "personnes", "");
    assertThat(rows.get("partners")[11]).isEqualTo("ASE, Association Rebond, CAF, CCAS, Département, France Travail, Mission locale");
    assertThat(rows.get("medianDaysReferralToAdmission")[4]).isEqualTo("7");
    assertThat(rows.get("step:recordConsent")[4]).isEqualTo("2");

    // the same figures as the JSON, row by row
    JsonNode json = report("pilote.pas-de-calais", MONTREUILLOIS_2019);
    for (JsonNode indicator : json.path("indicators")) {
      String[] row = rows.get(indicator.path("code").asText());
      assertThat(row).as(indicator.path("code").asText()).isNotNull();
      assertThat(row[2]).isEqualTo(indicator.path("numerator").asText());
      assertThat(row[3]).isEqualTo(indicator.path("denominator").isNull() ? "" : indicator.path("denominator").asText());
      assertThat(row[4].isEmpty() ? null : Double.valueOf(row[4].replace(',', '.')))
          .isEqualTo(indicator.path("value").isNull() ? null : indicator.path("value").asDouble());
    }
    assertThat(rows.get("openCases")[4]).isEqualTo(json.path("operations").path("openCases").asText());
    assertThat(rows.get("overdueTasks")[4]).isEqualTo(json.path("operations").path("overdueTasks").asText());

    // Accept: text/csv gives the same file
    IndicatorsHttp.Response accepted = IndicatorsHttp.as(port, "pilote.pas-de-calais")
        .get("/api/indicators?" + MONTREUILLOIS_2019, "text/csv");
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.header("Content-Type")).startsWith("text/csv");
    assertThat(accepted.header("Content-Disposition")).contains("attachment").contains(".csv");
    assertThat(accepted.body()).isEqualTo(response.body());
  }

  @Test
  void everyTerritoryOfTheDepartementInOneRequestIsEachTerritorysReport() {
    IndicatorsHttp.Response response = IndicatorsHttp.as(port, "pilote.pas-de-calais")
        .get("/api/indicators/territories?" + PDC + "&from=2019-01-01&to=2019-12-31");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode all = response.json();
    assertThat(all.path("tenantName").asText()).isEqualTo("Pas-de-Calais");
    assertThat(all.path("from").asText()).isEqualTo("2019-01-01");
    assertThat(all.path("to").asText()).isEqualTo("2019-12-31");
    assertThat(all.path("territories")).extracting(t -> t.path("territory").asText())
        .containsExactly("artois", "audomarois", "lens-lievin", "montreuillois");
    for (JsonNode territory : all.path("territories")) {
      JsonNode alone = report("pilote.pas-de-calais",
          PDC + "&territory=" + territory.path("territory").asText() + "&from=2019-01-01&to=2019-12-31");
      assertThat(territory.path("indicators")).as(territory.path("territory").asText()).isEqualTo(alone.path("indicators"));
      assertThat(territory.path("operations")).as(territory.path("territory").asText()).isEqualTo(alone.path("operations"));
    }
    // the dataset's Montreuillois year, as the territory's own report gives it
    assertIndicator(all.path("territories").get(3), "partnerAttendance", 65, 88L, 73.9, 80.0);

    // the same callers and refusals as the report
    assertThat(IndicatorsHttp.as(port, "pilote.bas-rhin").get("/api/indicators/territories?" + PDC).status())
        .isEqualTo(403);
    assertThat(IndicatorsHttp.as(port, "ts.artois").get("/api/indicators/territories?" + PDC).status()).isEqualTo(403);
    assertThat(IndicatorsHttp.anonymous(port).get("/api/indicators/territories?" + PDC).status()).isEqualTo(401);
    assertRefused(IndicatorsHttp.as(port, "pilote.pas-de-calais").get("/api/indicators/territories?tenant=nord&to=hier"),
        "département inconnu « nord »");
  }

  @Test
  void onlyPilotsOfTheDepartementAndAdministratorsReadIt() {
    assertThat(IndicatorsHttp.as(port, "pilote.pas-de-calais").get("/api/indicators?" + PDC).status()).isEqualTo(200);
    assertThat(IndicatorsHttp.as(port, "demo").get("/api/indicators?" + PDC).status()).isEqualTo(200);
    assertThat(IndicatorsHttp.as(port, "demo").get("/api/indicators?tenant=bas-rhin").status()).isEqualTo(200);

    IndicatorsHttp.Response otherDepartement = IndicatorsHttp.as(port, "pilote.bas-rhin").get("/api/indicators?" + PDC);
    assertThat(otherDepartement.status()).isEqualTo(403);
    assertThat(otherDepartement.json().path("message").asText()).contains("Pas-de-Calais");
    IndicatorsHttp.Response socialWorker = IndicatorsHttp.as(port, "ts.artois").get("/api/indicators?" + PDC);
    assertThat(socialWorker.status()).isEqualTo(403);
    assertThat(socialWorker.json().path("message").asText()).contains("réservés aux pilotes");
    assertThat(IndicatorsHttp.as(port, "caf.artois").get("/api/indicators?" + PDC + "&format=csv").status()).isEqualTo(403);
    assertThat(IndicatorsHttp.anonymous(port).get("/api/indicators?" + PDC).status()).isEqualTo(401);

    IndicatorsHttp.Response scope = IndicatorsHttp.as(port, "pilote.pas-de-calais").get("/api/indicators/scope");
    assertThat(scope.status()).isEqualTo(200);
    assertThat(scope.json().path("tenants")).extracting(t -> t.path("id").asText()).containsExactly("pas-de-calais");
    assertThat(scope.json().path("tenants").get(0).path("territories")).extracting(t -> t.path("code").asText())
        .containsExactly("artois", "audomarois", "lens-lievin", "montreuillois");
  }

  @Test
  void pilotsMayOpenCockpitAndNothingElse() {
    AuthorizationService authorizations = engine.getAuthorizationService();
    List<String> groups = List.of("pilots");
    assertThat(authorizations.isUserAuthorized("pilote.pas-de-calais", groups, ACCESS, APPLICATION, "cockpit")).isTrue();
    assertThat(authorizations.isUserAuthorized("pilote.pas-de-calais", groups, ACCESS, APPLICATION, "tasklist")).isFalse();
    assertThat(authorizations.isUserAuthorized("pilote.pas-de-calais", groups, ACCESS, APPLICATION, "admin")).isFalse();
    assertThat(authorizations.isUserAuthorized("pilote.pas-de-calais", groups, READ, PROCESS_DEFINITION, "pathway"))
        .isFalse();
    // no case content: the engine shows the pilot no definition, case or task
    IndicatorsHttp pilot = IndicatorsHttp.as(port, "pilote.pas-de-calais");
    assertThat(pilot.get("/engine-rest/process-definition/count").json().path("count").asLong()).isZero();
    assertThat(pilot.get("/engine-rest/history/process-instance/count").json().path("count").asLong()).isZero();
    assertThat(pilot.get("/engine-rest/task/count").json().path("count").asLong()).isZero();
  }

  @Test
  void badParametersGetA400InFrench() {
    IndicatorsHttp pilot = IndicatorsHttp.as(port, "pilote.pas-de-calais");
    assertRefused(pilot.get("/api/indicators?tenant=nord"), "département inconnu « nord »");
    assertRefused(pilot.get("/api/indicators"), "tenant est obligatoire");
    assertRefused(pilot.get("/api/indicators?" + PDC + "&territory=haguenau"),
        "« haguenau » n'est pas un territoire du département Pas-de-Calais");
    assertRefused(pilot.get("/api/indicators?" + PDC + "&territory=atlantide"), "atlantide");
    assertRefused(pilot.get("/api/indicators?" + PDC + "&from=2020-02-01&to=2020-01-01"),
        "from (2020-02-01) est postérieure à to (2020-01-01)");
    assertRefused(pilot.get("/api/indicators?" + PDC + "&from=2020-13-01"), "from : date invalide « 2020-13-01 »");
    assertRefused(pilot.get("/api/indicators?" + PDC + "&to=31/12/2020"), "to : date invalide « 31/12/2020 »");
    assertRefused(pilot.get("/api/indicators?" + PDC + "&format=xlsx"), "format");
    // every problem at once
    IndicatorsHttp.Response both = pilot.get("/api/indicators?tenant=nord&from=hier");
    assertThat(both.json().path("message").asText()).contains("nord").contains("hier");
  }

  // --- helpers

  private JsonNode report(String user, String query) {
    IndicatorsHttp.Response response = IndicatorsHttp.as(port, user).get("/api/indicators?" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    return response.json();
  }

  static JsonNode indicator(JsonNode report, String code) {
    for (JsonNode indicator : report.path("indicators")) {
      if (indicator.path("code").asText().equals(code)) {
        return indicator;
      }
    }
    throw new AssertionError("No indicator " + code + " in " + report);
  }

  static void assertIndicator(JsonNode report, String code, long numerator, Long denominator, Number value,
      Double target) {
    JsonNode indicator = indicator(report, code);
    assertThat(indicator.path("numerator").asLong()).as(code + " numerator").isEqualTo(numerator);
    if (denominator == null) {
      assertThat(indicator.path("denominator").isNull()).as(code + " denominator").isTrue();
    } else {
      assertThat(indicator.path("denominator").asLong()).as(code + " denominator").isEqualTo(denominator);
    }
    if (value == null) {
      assertThat(indicator.path("value").isNull()).as(code + " value").isTrue();
    } else {
      assertThat(indicator.path("value").asDouble()).as(code + " value").isEqualTo(value.doubleValue());
    }
    if (target == null) {
      assertThat(indicator.path("target").isNull()).as(code + " target").isTrue();
    } else {
      assertThat(indicator.path("target").asDouble()).as(code + " target").isEqualTo(target);
    }
  }

  private static List<Map.Entry<String, Long>> steps(JsonNode operations) {
    List<Map.Entry<String, Long>> steps = new ArrayList<>();
    operations.path("casesPerStep").forEach(s -> steps.add(Map.entry(s.path("taskKey").asText(), s.path("cases").asLong())));
    return steps;
  }

  private static void assertRefused(IndicatorsHttp.Response response, String fragment) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains(fragment);
  }
}
