package fr.parcours.privacy;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Retention of case history, {@code parcours.retention}: how long the history of a case is kept
 * after the case ended ({@code history-time-to-live}, in days, ISO-8601 {@code P<n>D}; default two
 * years, CNIL référentiel for social and medico-social support, see README) and the night window in
 * which the engine's history cleanup removes what has expired.
 * <p>The engine applies the time-to-live to every process and decision definition deployed without
 * its own (the models carry none): see {@code camunda.bpm.generic-properties} in application.yaml.
 * A definition keeps the time-to-live it was deployed with, so at start this aligns every deployed
 * version of every definition with the configured one: changing the configuration changes the
 * retention of the cases that end from then on.
 */
@Component
public class Retention {

  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final Settings settings;
  private final RepositoryService repositoryService;

  public Retention(Settings settings, @Lazy RepositoryService repositoryService) {
    this.settings = settings;
    this.repositoryService = repositoryService;
  }

  /** The time-to-live in days. */
  public int days() {
    return ParseUtil.parseHistoryTimeToLive(settings.getHistoryTimeToLive());
  }

  public Settings settings() {
    return settings;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(4)
  public void alignDeployedDefinitions() {
    int days = days();
    long[] updated = {0};
    repositoryService.createProcessDefinitionQuery().list().stream()
        .filter(definition -> definition.getHistoryTimeToLive() == null || definition.getHistoryTimeToLive() != days)
        .forEach(definition -> {
          repositoryService.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
          updated[0]++;
        });
    repositoryService.createDecisionDefinitionQuery().list().stream()
        .filter(definition -> definition.getHistoryTimeToLive() == null || definition.getHistoryTimeToLive() != days)
        .forEach(definition -> {
          repositoryService.updateDecisionDefinitionHistoryTimeToLive(definition.getId(), days);
          updated[0]++;
        });
    if (updated[0] > 0) {
      LOG.info("Conservation de l'historique : {} définition(s) alignée(s) sur {} jours", updated[0], days);
    }
  }

  /** {@code parcours.retention}. */
  @ConfigurationProperties("parcours.retention")
  public static class Settings {

    private String historyTimeToLive = "P730D";
    private String cleanupWindowStart = "22:00";
    private String cleanupWindowEnd = "06:00";

    public String getHistoryTimeToLive() {
      return historyTimeToLive;
    }

    public void setHistoryTimeToLive(String historyTimeToLive) {
      ParseUtil.parseHistoryTimeToLive(historyTimeToLive);
      this.historyTimeToLive = historyTimeToLive;
    }

    public String getCleanupWindowStart() {
      return cleanupWindowStart;
    }

    public void setCleanupWindowStart(String cleanupWindowStart) {
      this.cleanupWindowStart = cleanupWindowStart;
    }

    public String getCleanupWindowEnd() {
      return cleanupWindowEnd;
    }

    public void setCleanupWindowEnd(String cleanupWindowEnd) {
      this.cleanupWindowEnd = cleanupWindowEnd;
    }
  }
}
