package fr.parcours.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import fr.parcours.indicators.IndicatorReport.Indicator;
import fr.parcours.indicators.IndicatorReport.Operations;

/** A cell of the CSV is never a live formula in a spreadsheet, whatever an organisation's name. */
class IndicatorCsvTest {

  @Test
  void cellsThatASpreadsheetWouldReadAsFormulasStayText() {
    String link = "=HYPERLINK(\"http://example.invalid\",\"Cliquez ici\")";
    IndicatorReport report = new IndicatorReport("pas-de-calais", "Pas-de-Calais", null, null, null, null, null, null,
        List.of(new Indicator("partners", "Partenaires", 3L, null, 3L, "organisations", null, "",
            List.of(link, "CAF"))),
        new Operations(0, 0, 0, null, 0, List.of()));

    String csv = IndicatorCsv.format(report);

    assertThat(csv).contains(";\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"Cliquez ici\"\"), CAF\"\r\n");
    assertThat(csv.lines()).noneMatch(line -> line.contains(";=") || line.contains(";\"="));
    for (String dangerous : List.of("=1+1", "+33 6", "-2+3", "@SUM(A1)", "\tX", "\rX")) {
      assertThat(IndicatorCsv.text(dangerous)).isEqualTo("'" + dangerous);
    }
    assertThat(IndicatorCsv.text("CAF")).isEqualTo("CAF");
    assertThat(IndicatorCsv.text("")).isEmpty();
    // numbers stay numbers
    assertThat(csv).contains("partners;Partenaires;3;;3;organisations;");
  }
}
