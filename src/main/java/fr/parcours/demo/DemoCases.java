package fr.parcours.demo;

import static org.camunda.spin.Spin.JSON;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import fr.parcours.models.ModelContract.Processes;
import fr.parcours.models.ModelContract.Tasks;

/**
 * Demo only: a few fictitious cases at different steps, driven through the real processes as
 * the demo users, so Tasklist shows a living system on first start. Created once (person
 * references {@code DEMO-…}), dated now, after the demo history ({@link DemoData}).
 */
@Component
@ConditionalOnProperty("parcours.demo.sample-cases")
public class DemoCases {

  static final String PREFIX = "DEMO-";

  private final ProcessEngine engine;
  private final PathwayDriver driver;

  public DemoCases(ProcessEngine engine) {
    this.engine = engine;
    this.driver = new PathwayDriver(engine);
  }

  boolean alreadySeeded() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(Processes.PATHWAY)
        .variableValueLike("personRef", PREFIX + "%").count() > 0;
  }

  public void seed() {
    // Waiting for the person's consent.
    refer("DEMO-0001", "A. B. 1979", "artois");
    // Diagnostic to do.
    String diagnostic = refer("DEMO-0002", "C. D. 1990", "audomarois");
    consent(diagnostic, "ts.audomarois", "ts2.audomarois");
    // Committee to schedule.
    String committee = refer("DEMO-0003", "E. F. 1986", "strasbourg");
    consent(committee, "ts.strasbourg", "caf.strasbourg");
    diagnose(committee, "ts.strasbourg");
    // In follow-up with a designated référent.
    String followUp = refer("DEMO-0004", "G. H. 1972", "artois");
    consent(followUp, "ts.artois", "ts2.artois");
    diagnose(followUp, "ts.artois");
    driver.as("ctas.artois").complete(followUp, Tasks.SCHEDULE_COMMITTEE, Variables.createVariables()
        .putValue("committeeDate", ClockUtil.getCurrentTime().toInstant().toString())
        .putValueTyped("invitedMembers", json("[{\"name\":\"Conseillère CAF\",\"organisation\":\"CAF\"},"
            + "{\"name\":\"Conseiller France Travail\",\"organisation\":\"France Travail\"}]")));
    driver.runDueJobs(followUp);
    driver.as("ctas.artois").complete(followUp, Tasks.HOLD_COMMITTEE, Variables.createVariables()
        .putValueTyped("attendance", json("[{\"name\":\"Conseillère CAF\",\"organisation\":\"CAF\",\"present\":true},"
            + "{\"name\":\"Conseiller France Travail\",\"organisation\":\"France Travail\",\"present\":false}]"))
        .putValue("personPresent", true)
        .putValue("committeeDecision", "admit")
        .putValue("coordinatorId", "ts2.artois")
        .putValue("decisionNotes", "Admission, référente choisie par la personne."));
    driver.as("ts2.artois").complete(followUp, Tasks.SIGN_AGREEMENT, Map.of("agreementSigned", true,
        "agreementDate", Instant.now().truncatedTo(ChronoUnit.DAYS).toString()));
  }

  /** Refers the person as the territory's social worker; returns the case reference. */
  private String refer(String personRef, String label, String territory) {
    VariableMap referral = Variables.createVariables()
        .putValue("personRef", personRef)
        .putValue("personLabel", label)
        .putValue("territory", territory)
        .putValue("referrerId", "ts." + territory)
        .putValueTyped("interveners", json(("[{\"name\":\"Conseillère CAF\",\"organisation\":\"CAF\","
            + "\"role\":\"Accès aux droits\",\"userId\":\"caf.%1$s\"},{\"name\":\"Conseiller France Travail\","
            + "\"organisation\":\"France Travail\",\"role\":\"Insertion\",\"userId\":\"ft.%1$s\"}]")
            .formatted(territory)))
        .putValueTyped("difficultyDomains", json("[\"housing\",\"employment\",\"education\"]"))
        .putValue("durableSupport", true)
        .putValue("urgent", false);
    PathwayDriver worker = driver.as("ts." + territory);
    return worker.businessKey(worker.refer(referral));
  }

  private void consent(String businessKey, String worker, String preferredCoordinator) {
    driver.as(worker).complete(businessKey, Tasks.RECORD_CONSENT, Map.of("consentGiven", true, "sharingConsent", true,
        "preferredCoordinatorId", preferredCoordinator));
  }

  private void diagnose(String businessKey, String worker) {
    driver.as(worker).complete(businessKey, Tasks.GLOBAL_DIAGNOSTIC, Variables.createVariables()
        .putValue("diagnosisSummary", "Difficultés cumulées de logement, d'insertion et de scolarité des enfants.")
        .putValue("strengths", "Famille mobilisée, réseau familial présent.")
        .putValueTyped("actionPlan", json(("[{\"id\":\"o1\",\"label\":\"Accéder à un logement adapté\","
            + "\"domain\":\"housing\",\"ownerName\":\"CCAS\",\"dueDate\":\"%s\",\"status\":\"planned\"},"
            + "{\"id\":\"o2\",\"label\":\"Reprendre une formation\",\"domain\":\"employment\","
            + "\"ownerName\":\"France Travail\",\"dueDate\":\"%s\",\"status\":\"planned\"}]")
            .formatted(inMonths(4), inMonths(3))))
        .putValue("plannedDuration", "P6M")
        .putValue("reviewCycle", "P2M"));
  }

  /** A due date of the plan ({@code yyyy-MM-dd}), that many months from today. */
  private static String inMonths(int months) {
    return LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(months).toString();
  }

  private static org.camunda.spin.plugin.variable.value.JsonValue json(String text) {
    return SpinValues.jsonValue(JSON(text)).create();
  }
}
