package fr.parcours.indicators;

import java.util.List;

/**
 * The report of each territory of a département over one period, in the configuration's order
 * ({@code GET /api/indicators/territories}): the table « Par territoire » in one request.
 */
public record IndicatorsByTerritory(String tenant, String tenantName, String from, String to,
    List<IndicatorReport> territories) {}
