package fr.parcours.indicators;

import java.util.List;

/**
 * One indicator month by month ({@code GET /api/indicators/trend}): for each calendar month, the
 * indicator as the report gives it for that month as its period (the current month up to now).
 *
 * @param target the indicator's target in percent, or null (a count, or a rate without target)
 */
public record IndicatorTrend(String tenant, String tenantName, String territory, String territoryName,
    String indicator, String label, String unit, Double target, List<Month> months) {

  /** A month ({@code 2026-03}, first and last day) and the indicator's figures over it. */
  public record Month(String month, String from, String to, Long numerator, Long denominator, Number value) {}
}
