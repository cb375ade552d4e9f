package fr.parcours.access;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code parcours.access}: how long a former référent keeps read-only access to the case after
 * the CTAS designated another one, so that the handover can happen (ISO-8601 period, default
 * thirty days).
 */
@ConfigurationProperties("parcours.access")
public class AccessProperties {

  private String handoverPeriod = "P30D";

  public String getHandoverPeriod() {
    return handoverPeriod;
  }

  public void setHandoverPeriod(String handoverPeriod) {
    Period period = Period.parse(handoverPeriod);
    if (period.isNegative()) {
      throw new IllegalArgumentException("parcours.access.handover-period must not be negative: " + handoverPeriod);
    }
    this.handoverPeriod = handoverPeriod;
  }

  Period handover() {
    return Period.parse(handoverPeriod);
  }
}
