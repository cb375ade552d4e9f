package fr.parcours.documents;

import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Map;

/** The French wording of the codes the forms record, as the forms show them. */
final class Labels {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRANCE);
  private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm", Locale.FRANCE);

  private static final Map<String, String> DOMAINS = Map.ofEntries(
      Map.entry("housing", "Logement"), Map.entry("health", "Santé"), Map.entry("employment", "Emploi / insertion"),
      Map.entry("education", "Scolarité / éducation"), Map.entry("parenting", "Parentalité"), Map.entry("budget", "Budget"),
      Map.entry("mobility", "Mobilité"), Map.entry("justice", "Justice"), Map.entry("isolation", "Isolement"),
      Map.entry("disability", "Handicap"), Map.entry("child-protection", "Protection de l'enfance"), Map.entry("other", "Autre"));

  private static final Map<String, String> STATUSES = Map.of(
      "planned", "Prévu", "in-progress", "En cours", "done", "Réalisé", "abandoned", "Abandonné");

  private static final Map<String, String> DECISIONS = Map.of(
      "admit", "Admission dans la démarche du référent de parcours",
      "reject", "Non-admission dans la démarche",
      "extend", "Prolongation de l'accompagnement",
      "close", "Fin de l'accompagnement",
      "adjourn", "Instance ajournée : la situation sera examinée lors d'une prochaine séance");

  private Labels() {}

  static String domain(String code) {
    return code == null ? "" : DOMAINS.getOrDefault(code, code);
  }

  static String status(String code) {
    return code == null ? "" : STATUSES.getOrDefault(code, code);
  }

  static String decision(String code) {
    return code == null ? "" : DECISIONS.getOrDefault(code, code);
  }

  static String purpose(String code) {
    return "review".equals(code) ? "Bilan partagé (fin ou prolongation de l'accompagnement)" : "Admission dans la démarche";
  }

  /** An ISO-8601 period as the forms offer it: "6 mois", "1 an", "15 jours". */
  static String duration(String iso) {
    if (iso == null) {
      return "";
    }
    try {
      Period period = Period.parse(iso);
      long months = period.toTotalMonths();
      if (period.getDays() == 0 && months > 0) {
        return months % 12 == 0 && months >= 12 ? plural(months / 12, "an", "ans") : months + " mois";
      }
      if (months == 0) {
        return plural(period.getDays(), "jour", "jours");
      }
      return months + " mois et " + plural(period.getDays(), "jour", "jours");
    } catch (RuntimeException notAPeriod) {
      return iso;
    }
  }

  /** A retention period in days ({@code P730D}) in words: "2 ans", "6 mois", "90 jours". */
  static String retention(String iso) {
    try {
      Period period = Period.parse(iso);
      if (period.getYears() == 0 && period.getMonths() == 0) {
        int days = period.getDays();
        if (days % 365 == 0 && days > 0) {
          return plural(days / 365, "an", "ans");
        }
        return plural(days, "jour", "jours");
      }
      return duration(iso);
    } catch (RuntimeException notAPeriod) {
      return iso;
    }
  }

  static String day(Date date) {
    return date == null ? "" : DAY.format(date.toInstant().atZone(PARIS));
  }

  static String dayAndTime(Date date) {
    return date == null ? "" : DAY_AND_TIME.format(date.toInstant().atZone(PARIS));
  }

  /** A due date as the action plan stores it ({@code yyyy-MM-dd}), shown as {@code dd/MM/yyyy}. */
  static String isoDay(String isoDate) {
    if (isoDate == null || isoDate.isBlank()) {
      return "";
    }
    try {
      return DAY.format(java.time.LocalDate.parse(isoDate.substring(0, Math.min(10, isoDate.length()))));
    } catch (RuntimeException notADate) {
      return isoDate;
    }
  }

  private static String plural(long count, String one, String many) {
    return count + " " + (count > 1 ? many : one);
  }
}
