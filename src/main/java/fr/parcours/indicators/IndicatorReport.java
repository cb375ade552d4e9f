package fr.parcours.indicators;

import java.util.List;

/**
 * The national follow-up indicators (DOMAIN.md §4) of a département, optionally of one territory,
 * over a period, and the operational figures; served as JSON and CSV with the same figures.
 *
 * @param from first day of the period, or null (since the first case)
 * @param to last day of the period, or null (up to now)
 * @param periodEnd the instant the period ends (exclusive), where the snapshot figures are taken
 */
public record IndicatorReport(String tenant, String tenantName, String territory, String territoryName, String from,
    String to, String periodEnd, String computedAt, List<Indicator> indicators, Operations operations) {

  /**
   * One indicator. For a rate, {@code value} is the percentage numerator / denominator rounded to
   * one decimal (null when the denominator is 0) and {@code target} a percentage; for a count,
   * {@code value} is the count and {@code denominator} is null.
   */
  public record Indicator(String code, String label, Long numerator, Long denominator, Number value, String unit,
      Double target, String definition, List<String> details) {}

  /** Figures for running the démarche; the snapshot ones are taken at the end of the period (or now). */
  public record Operations(long openCases, long referrals, long admissions, Double medianDaysReferralToAdmission,
      long overdueTasks, List<Step> casesPerStep) {}

  /** Open cases waiting at a step (a user task of the pathway or of its committee). */
  public record Step(String taskKey, String name, long cases) {}

  public Indicator indicator(String code) {
    return indicators.stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow();
  }
}
