package fr.parcours.indicators;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import fr.parcours.indicators.IndicatorReport.Indicator;
import fr.parcours.indicators.IndicatorReport.Operations;
import fr.parcours.indicators.IndicatorReport.Step;

/**
 * The report as a CSV file a French spreadsheet opens as it is: UTF-8 with a byte order mark,
 * {@code ;} as separator, decimal comma, CRLF line ends, French headers, one row per figure with the
 * same figures as the JSON. A text cell that a spreadsheet would take for a formula (it starts with
 * {@code = + - @}, a tab or a carriage return, e.g. an organisation typed as
 * {@code =HYPERLINK(...)}) is written with a leading apostrophe: it stays text.
 */
public final class IndicatorCsv {

  public static final String BOM = "\uFEFF";
  public static final List<String> HEADERS = List.of("Code", "Indicateur", "Numérateur", "Dénominateur", "Valeur",
      "Unité", "Cible", "Département", "Territoire", "Du", "Au", "Détail");

  private IndicatorCsv() {}

  public static String format(IndicatorReport report) {
    StringBuilder csv = new StringBuilder(BOM);
    line(csv, HEADERS);
    for (Indicator indicator : report.indicators()) {
      row(csv, report, indicator.code(), indicator.label(), indicator.numerator(), indicator.denominator(),
          indicator.value(), indicator.unit(), indicator.target(), String.join(", ", indicator.details()));
    }
    Operations operations = report.operations();
    row(csv, report, "openCases", "Dossiers ouverts en fin de période", null, null, operations.openCases(), "dossiers",
        null, "");
    row(csv, report, "referrals", "Saisines dans la période", null, null, operations.referrals(), "dossiers", null, "");
    row(csv, report, "admissions", "Admissions dans la période", null, null, operations.admissions(), "dossiers",
        null, "");
    row(csv, report, "medianDaysReferralToAdmission", "Délai médian de la saisine à l'admission", null, null,
        operations.medianDaysReferralToAdmission(), "jours", null, "");
    row(csv, report, "overdueTasks", "Tâches en retard en fin de période", null, null, operations.overdueTasks(),
        "tâches", null, "");
    for (Step step : operations.casesPerStep()) {
      row(csv, report, "step:" + step.taskKey(), "Dossiers à l'étape « " + step.name() + " »", null, null,
          step.cases(), "dossiers", null, "");
    }
    return csv.toString();
  }

  public static String filename(IndicatorReport report) {
    return "indicateurs-" + (report.territory() != null ? report.territory() : report.tenant())
        + (report.from() != null ? "-du-" + report.from() : "") + (report.to() != null ? "-au-" + report.to() : "")
        + ".csv";
  }

  private static void row(StringBuilder csv, IndicatorReport report, String code, String label, Long numerator,
      Long denominator, Number value, String unit, Double target, String detail) {
    List<String> cells = new ArrayList<>();
    cells.add(text(code));
    cells.add(text(label));
    cells.add(number(numerator));
    cells.add(number(denominator));
    cells.add(number(value));
    cells.add(text(unit));
    cells.add(number(target));
    cells.add(text(report.tenantName()));
    cells.add(text(report.territoryName() != null ? report.territoryName() : "Tous les territoires"));
    cells.add(text(report.from() != null ? report.from() : ""));
    cells.add(text(report.to() != null ? report.to() : ""));
    cells.add(text(detail));
    line(csv, cells);
  }

  /** A number as a French spreadsheet reads it: no thousands separator, decimal comma. */
  static String number(Number value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString().replace('.', ',');
    }
    return value.toString();
  }

  /** A text cell, never read as a formula (OWASP "CSV injection"). */
  static String text(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    char first = cell.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + cell
        : cell;
  }

  private static void line(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        csv.append(';');
      }
      csv.append(quote(cells.get(i)));
    }
    csv.append("\r\n");
  }

  private static String quote(String cell) {
    if (cell == null) {
      return "";
    }
    if (cell.contains(";") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }
}
