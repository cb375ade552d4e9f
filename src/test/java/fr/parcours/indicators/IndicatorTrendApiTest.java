package fr.parcours.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import fr.parcours.support.ParcoursTest;

/**
 * {@code GET /api/indicators/trend}: one indicator month by month over the last months, each month
 * the figures of the report for that month, on the known history of {@link IndicatorDataset}
 * (Pas-de-Calais, 2019 and 2020), the clock set to mid-December 2019 or 2020; the département's
 * series (all territories) in one request; who may read it and the refusal of bad parameters.
 */
@ParcoursTest
class IndicatorTrendApiTest {

  static final String PDC = "tenant=pas-de-calais";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @BeforeEach
  void dataset() {
    IndicatorDataset.ensure(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void everyMonthOfATerritoryIsTheReportOfThatMonth() {
    today(2019, 12, 15);
    for (String code : IndicatorService.CODES) {
      JsonNode trend = trend("pilote.pas-de-calais", PDC + "&territory=montreuillois&indicator=" + code + "&months=12");
      assertThat(trend.path("indicator").asText()).isEqualTo(code);
      assertThat(trend.path("territoryName").asText()).isEqualTo("Montreuillois");
      JsonNode months = trend.path("months");
      assertThat(months).hasSize(12);
      assertThat(months.get(0).path("month").asText()).isEqualTo("2019-01");
      assertThat(months.get(11).path("month").asText()).isEqualTo("2019-12");
      for (JsonNode month : months) {
        JsonNode report = report(PDC + "&territory=montreuillois&from=" + month.path("from").asText() + "&to="
            + month.path("to").asText());
        JsonNode expected = IndicatorsApiTest.indicator(report, code);
        assertThat(month.path("numerator")).as(code + " " + month.path("month")).isEqualTo(expected.path("numerator"));
        assertThat(month.path("denominator")).as(code + " " + month.path("month")).isEqualTo(expected.path("denominator"));
        assertThat(month.path("value")).as(code + " " + month.path("month")).isEqualTo(expected.path("value"));
      }
      assertThat(trend.path("target")).isEqualTo(IndicatorsApiTest.indicator(
          report(PDC + "&territory=montreuillois&from=2019-12-01&to=2019-12-31"), code).path("target"));
    }
  }

  @Test
  void theYearsSittingsAddUpMonthByMonth() {
    today(2019, 12, 15);
    JsonNode trend = trend("pilote.pas-de-calais", PDC + "&territory=montreuillois&indicator=partnerAttendance");
    assertThat(trend.path("months")).as("twelve months by default").hasSize(12);
    assertThat(trend.path("label").asText()).isEqualTo("Taux de présence des partenaires aux instances");
    assertThat(trend.path("unit").asText()).isEqualTo("%");
    assertThat(trend.path("target").asDouble()).isEqualTo(80.0);
    // the 22 sittings of 2019 (IndicatorsApiTest): 65 members present of 88, spread over the months
    long present = 0;
    long invited = 0;
    int monthsWithSittings = 0;
    for (JsonNode month : trend.path("months")) {
      present += month.path("numerator").asLong();
      invited += month.path("denominator").asLong();
      monthsWithSittings += month.path("denominator").asLong() > 0 ? 1 : 0;
      if (month.path("denominator").asLong() == 0) {
        assertThat(month.path("value").isNull()).as("no sitting in " + month.path("month")).isTrue();
      }
    }
    assertThat(present).isEqualTo(65);
    assertThat(invited).isEqualTo(88);
    assertThat(monthsWithSittings).isGreaterThan(1);
  }

  @Test
  void allTerritoriesIsTheDepartementsSeriesInOneRequest() {
    today(2020, 12, 15);
    JsonNode trend = trend("pilote.pas-de-calais", PDC + "&indicator=coverage&months=12");
    assertThat(trend.path("territory").isNull()).isTrue();
    assertThat(trend.path("tenantName").asText()).isEqualTo("Pas-de-Calais");
    JsonNode months = trend.path("months");
    assertThat(months.get(0).path("month").asText()).isEqualTo("2020-01");
    for (JsonNode month : months) {
      JsonNode report = report(PDC + "&from=" + month.path("from").asText() + "&to=" + month.path("to").asText());
      assertThat(month.path("value")).isEqualTo(IndicatorsApiTest.indicator(report, "coverage").path("value"));
    }
    // Montreuillois and Lens-Liévin run the démarche at the end of 2020 (IndicatorsApiTest)
    assertThat(months.get(11).path("numerator").asLong()).isEqualTo(358_957);
    assertThat(months.get(11).path("denominator").asLong()).isEqualTo(1_465_000);
    assertThat(months.get(11).path("value").asDouble()).isEqualTo(24.5);
  }

  @Test
  void theCurrentMonthIsLastAndRunsUpToNow() {
    today(2020, 3, 10);
    JsonNode trend = trend("demo", PDC + "&territory=montreuillois&indicator=personsAccompanied&months=3");
    assertThat(trend.path("months")).extracting(m -> m.path("month").asText())
        .containsExactly("2020-01", "2020-02", "2020-03");
    assertThat(trend.path("months").get(2).path("to").asText()).isEqualTo("2020-03-31");
    assertThat(trend.path("unit").asText()).isEqualTo("personnes");
    assertThat(trend.path("target").isNull()).isTrue();
    // O1 still followed in March 2020 (C10 ended on 2020-01-02)
    assertThat(trend.path("months").get(2).path("value").asLong()).isEqualTo(1);
    assertThat(trend.path("months").get(0).path("value").asLong()).isEqualTo(2);
  }

  @Test
  void onlyPilotsOfTheDepartementAndAdministratorsReadIt() {
    String query = "/api/indicators/trend?" + PDC + "&indicator=coverage";
    assertThat(IndicatorsHttp.as(port, "pilote.pas-de-calais").get(query).status()).isEqualTo(200);
    assertThat(IndicatorsHttp.as(port, "demo").get(query).status()).isEqualTo(200);
    IndicatorsHttp.Response other = IndicatorsHttp.as(port, "pilote.bas-rhin").get(query);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.json().path("message").asText()).contains("Pas-de-Calais");
    assertThat(IndicatorsHttp.as(port, "ts.artois").get(query).status()).isEqualTo(403);
    assertThat(IndicatorsHttp.anonymous(port).get(query).status()).isEqualTo(401);
  }

  @Test
  void badParametersGetA400InFrench() {
    IndicatorsHttp pilot = IndicatorsHttp.as(port, "pilote.pas-de-calais");
    assertRefused(pilot.get("/api/indicators/trend?" + PDC), "indicator est obligatoire");
    assertRefused(pilot.get("/api/indicators/trend?" + PDC + "&indicator=happiness"), "indicateur inconnu « happiness »");
    assertRefused(pilot.get("/api/indicators/trend?" + PDC + "&indicator=coverage&months=0"), "months");
    assertRefused(pilot.get("/api/indicators/trend?" + PDC + "&indicator=coverage&months=37"), "entre 1 et 36");
    assertRefused(pilot.get("/api/indicators/trend?" + PDC + "&indicator=coverage&months=douze"), "« douze »");
    assertRefused(pilot.get("/api/indicators/trend?" + PDC + "&territory=haguenau&indicator=coverage"),
        "« haguenau » n'est pas un territoire du département Pas-de-Calais");
    IndicatorsHttp.Response all = pilot.get("/api/indicators/trend?tenant=nord&indicator=bonheur&months=-1");
    assertThat(all.status()).isEqualTo(400);
    assertThat(all.json().path("message").asText()).contains("nord").contains("bonheur").contains("months");
  }

  // --- helpers

  private static void today(int year, int month, int day) {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(year, month, day, 12, 0)
        .atZone(IndicatorRequest.ZONE).toInstant()));
    assertThat(YearMonth.from(ClockUtil.getCurrentTime().toInstant().atZone(IndicatorRequest.ZONE)))
        .isEqualTo(YearMonth.of(year, month));
  }

  private JsonNode trend(String user, String query) {
    IndicatorsHttp.Response response = IndicatorsHttp.as(port, user).get("/api/indicators/trend?" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    return response.json();
  }

  private JsonNode report(String query) {
    IndicatorsHttp.Response response = IndicatorsHttp.as(port, "pilote.pas-de-calais").get("/api/indicators?" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static void assertRefused(IndicatorsHttp.Response response, String fragment) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains(fragment);
  }
}
