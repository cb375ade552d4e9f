package fr.parcours.validation;

import java.time.Period;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import fr.parcours.identity.Departements;

/**
 * What each step of the models may write: the start of {@code pathway} and every user task, by
 * task definition key (docs/models.md, "Variables per form"). Forms are a convenience; these
 * rules are the guard, for Tasklist and REST alike.
 */
@Component
public class StepRules {

  public static final Set<String> DOMAINS = Set.of("housing", "health", "employment", "education", "parenting",
      "budget", "mobility", "justice", "isolation", "disability", "child-protection", "other");
  public static final Set<String> OUTCOMES = Set.of("right-accessed", "service-accessed", "activity-participation",
      "employment", "training", "housing-solution", "child-educational-solution", "none");
  public static final Set<String> OBJECTIVE_STATUSES = Set.of("planned", "in-progress", "done", "abandoned");
  public static final Set<String> ADMISSION_DECISIONS = Set.of("admit", "reject", "adjourn");
  public static final Set<String> REVIEW_DECISIONS = Set.of("extend", "close", "adjourn");
  public static final Set<String> SYNTHESIS_REQUESTERS = Set.of("coordinator", "intervener", "person");
  public static final Set<String> EXIT_REASONS = Set.of("withdrawal", "move", "death", "other");

  private final Departements departements;
  private final Map<String, Consumer<Inputs>> rules;

  public StepRules(Departements departements) {
    this.departements = departements;
    this.rules = Map.ofEntries(
        Map.entry("pathway:start", this::referral),
        Map.entry("redirectReferral", in -> in.text("redirectionNotes", true)),
        Map.entry("recordConsent", this::consent),
        Map.entry("globalDiagnostic", this::diagnostic),
        Map.entry("supportDiagnostic", in -> in.text("supportDiagnosisNotes", true)),
        Map.entry("scheduleCommittee", this::committeeSchedule),
        Map.entry("holdCommittee", this::committeeDecision),
        Map.entry("signAgreement", this::agreement),
        Map.entry("coordinatePathway", in -> in.text("coordinationNotes", false)),
        Map.entry("reassessSituation", in -> {
          in.text("reassessmentNotes", true);
          actionPlan(in);
        }),
        Map.entry("holdSynthesisMeeting", in -> {
          in.text("synthesisNotes", true);
          attendance(in, "synthesisAttendance");
          actionPlan(in);
        }),
        Map.entry("settleDispute", in -> {
          in.bool("disputeResolved", true);
          in.text("disputeNotes", true);
        }),
        Map.entry("arbitrateDispute", in -> in.text("arbitrationNotes", true)),
        Map.entry("reassignCoordinator", this::reassignment),
        Map.entry("recordExit", in -> in.text("exitNotes", true)),
        Map.entry("contributeToReview", in -> in.text("contribution", true)),
        Map.entry("prepareSharedReview", this::sharedReview),
        // Messages: what each one must carry.
        Map.entry("message:synthesisRequested", in -> {
          in.oneOf("requestedBy", SYNTHESIS_REQUESTERS, true);
          in.text("reason", true);
        }),
        Map.entry("message:disputeRaised", in -> in.text("reason", true)),
        Map.entry("message:coordinatorChangeRequested", in -> in.text("reason", true)),
        Map.entry("message:pathwayWithdrawn", in -> in.oneOf("exitReason", EXIT_REASONS, true)));
  }

  /** The rule of a step, or null when the step writes nothing that needs checking. */
  public Consumer<Inputs> of(String step) {
    return rules.get(step);
  }

  private void referral(Inputs in) {
    String personRef = in.text("personRef", true);
    if (personRef != null && !personRef.matches("[A-Za-z0-9._-]{3,64}")) {
      in.problem("personRef doit être un identifiant pseudonyme (3 à 64 lettres, chiffres, . _ -), jamais un nom");
    }
    String label = in.text("personLabel", false);
    if (label != null && label.length() > 40) {
      in.problem("personLabel doit rester court (40 caractères au plus : initiales, année de naissance)");
    }
    String territory = in.text("territory", true);
    if (territory != null && !departements.isTerritory(territory)) {
      in.problem("territory : territoire inconnu « " + territory + " »");
    }
    // optional: the caller refers unless they name a colleague (CaseAdmission, with the territory)
    in.existingUser("referrerId", false);
    in.objects("interveners", true, intervener -> {
      intervener.text("name", true);
      intervener.text("organisation", true);
      intervener.text("role", false);
      intervener.existingUser("userId");
    });
    in.codes("difficultyDomains", DOMAINS, true);
    defaultFalse(in, "durableSupport");
    defaultFalse(in, "urgent");
  }

  private static void defaultFalse(Inputs in, String name) {
    if (in.bool(name, false) == null && !in.isPresent(name)) {
      in.setDefault(name, Boolean.FALSE);
    }
  }

  private void consent(Inputs in) {
    Boolean consent = in.bool("consentGiven", true);
    if (Boolean.TRUE.equals(consent)) {
      if (Boolean.FALSE.equals(in.bool("sharingConsent", true))) {
        in.problem("sharingConsent : sans l'accord de la personne pour le partage d'informations entre intervenants"
            + " (charte du secret partagé), la démarche ne peut pas commencer");
      }
      in.existingUser("preferredCoordinatorId", false);
    }
  }

  private void diagnostic(Inputs in) {
    in.text("diagnosisSummary", true);
    in.text("strengths", false);
    actionPlan(in);
    Period duration = in.period("plannedDuration", true);
    Period cycle = in.period("reviewCycle", true);
    if (duration != null && cycle != null && months(cycle) > months(duration)) {
      in.problem("reviewCycle (" + cycle + ") ne peut pas dépasser plannedDuration (" + duration + ")");
    }
    in.existingUser("secondWorkerId", false);
  }

  private static double months(Period period) {
    return period.toTotalMonths() + period.getDays() / 30.0;
  }

  private void actionPlan(Inputs in) {
    in.objects("actionPlan", true, objective -> {
      objective.text("id", false);
      objective.text("label", true);
      objective.oneOf("domain", DOMAINS, false);
      objective.text("ownerName", true);
      objective.date("dueDate", false);
      objective.oneOf("status", OBJECTIVE_STATUSES, false);
    });
  }

  private void attendance(Inputs in, String name) {
    in.objects(name, true, member -> {
      member.text("name", true);
      member.text("organisation", true);
      member.bool("present", true);
    });
  }

  private void committeeSchedule(Inputs in) {
    Date date = in.date("committeeDate", true);
    if (date != null && date.before(new Date(ClockUtil.getCurrentTime().getTime() - 24 * 3600 * 1000L))) {
      in.problem("committeeDate est dans le passé");
    }
    String place = in.text("committeePlace", false);
    if (place != null && place.length() > 200) {
      in.problem("committeePlace dépasse 200 caractères");
    }
    in.objects("invitedMembers", true, member -> {
      member.text("name", true);
      member.text("organisation", true);
    });
  }

  private void committeeDecision(Inputs in) {
    attendance(in, "attendance");
    in.bool("personPresent", true);
    boolean review = "review".equals(in.value("purpose"));
    String decision = in.oneOf("committeeDecision", review ? REVIEW_DECISIONS : ADMISSION_DECISIONS, true);
    in.text("decisionNotes", false);
    if ("admit".equals(decision) || "extend".equals(decision)) {
      String coordinator = in.existingUser("coordinatorId", true);
      Object preferred = in.value("preferredCoordinatorId");
      // The person's choice is honoured when the référent is designated (admission); at review the
      // référent in place (possibly reassigned since) simply continues.
      if ("admit".equals(decision) && coordinator != null && preferred instanceof String p && !p.isBlank()
          && !p.equals(coordinator)) {
        if (in.text("coordinatorChoiceReason", false) == null) {
          in.problem("coordinatorChoiceReason est obligatoire : la personne a choisi « " + p
              + " » comme référent, l'instance doit dire pourquoi elle en désigne un autre");
        }
      }
    }
    in.period("plannedDuration", "extend".equals(decision));
  }

  private void agreement(Inputs in) {
    Boolean signed = in.bool("agreementSigned", true);
    if (Boolean.FALSE.equals(signed)) {
      in.problem("agreementSigned : l'engagement doit être signé pour entrer en suivi"
          + " (si la personne renonce, signaler sa sortie du dispositif)");
    }
    in.date("agreementDate", true);
  }

  private void reassignment(Inputs in) {
    String coordinator = in.existingUser("coordinatorId", true);
    Object previous = in.value("previousCoordinatorId");
    if (coordinator != null && coordinator.equals(previous)) {
      in.problem("coordinatorId : « " + coordinator + " » est déjà le référent de ce parcours");
    }
    in.text("reassignmentReason", true);
  }

  private void sharedReview(Inputs in) {
    in.codes("outcomes", OUTCOMES, true);
    in.text("personAssessment", true);
    String proposal = in.oneOf("proposal", Set.of("close", "extend"), true);
    in.period("extensionDuration", "extend".equals(proposal));
  }
}
