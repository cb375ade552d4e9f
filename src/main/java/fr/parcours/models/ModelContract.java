package fr.parcours.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The model contract: every identifier of the models (BPMN, DMN, Camunda Forms) that the
 * application's code relies on, stated once. The code uses these constants instead of string
 * literals; the deployment check refuses a model that loses one of the {@link #REQUIRED}
 * elements; {@code docs/models.md} shows the same list ({@link #markdown()}, kept equal by a test).
 *
 * <p>Everything not listed here (names, texts, due dates, gateways' conditions, new steps with
 * their form, decision rules) is the managers' to change in Camunda Modeler.
 */
public final class ModelContract {

  private ModelContract() {
  }

  /** Process definition keys. */
  public static final class Processes {
    public static final String PATHWAY = "pathway";
    public static final String TECHNICAL_COMMITTEE = "technical-committee";
    public static final String COORDINATOR_HANDOVER = "coordinator-handover";

    private Processes() {
    }
  }

  /** Task definition keys of the user tasks (each task's form has the same id). */
  public static final class Tasks {
    public static final String REDIRECT_REFERRAL = "redirectReferral";
    public static final String RECORD_CONSENT = "recordConsent";
    public static final String GLOBAL_DIAGNOSTIC = "globalDiagnostic";
    public static final String SUPPORT_DIAGNOSTIC = "supportDiagnostic";
    public static final String SIGN_AGREEMENT = "signAgreement";
    public static final String COORDINATE_PATHWAY = "coordinatePathway";
    public static final String REASSESS_SITUATION = "reassessSituation";
    public static final String HOLD_SYNTHESIS_MEETING = "holdSynthesisMeeting";
    public static final String SETTLE_DISPUTE = "settleDispute";
    public static final String ARBITRATE_DISPUTE = "arbitrateDispute";
    public static final String REASSIGN_COORDINATOR = "reassignCoordinator";
    public static final String RECORD_EXIT = "recordExit";
    public static final String CONTRIBUTE_TO_REVIEW = "contributeToReview";
    public static final String PREPARE_SHARED_REVIEW = "prepareSharedReview";
    public static final String SCHEDULE_COMMITTEE = "scheduleCommittee";
    public static final String HOLD_COMMITTEE = "holdCommittee";

    private Tasks() {
    }
  }

  /** Camunda Form ids that are not a task key. */
  public static final class Forms {
    /** Start form of {@code pathway} (the saisine). */
    public static final String REFERRAL = "referral";

    private Forms() {
    }
  }

  /** Message names (BPMN {@code message} names, correlated over REST and by the code). */
  public static final class Messages {
    public static final String SYNTHESIS_REQUESTED = "synthesisRequested";
    public static final String DISPUTE_RAISED = "disputeRaised";
    public static final String COORDINATOR_CHANGE_REQUESTED = "coordinatorChangeRequested";
    public static final String PATHWAY_WITHDRAWN = "pathwayWithdrawn";

    private Messages() {
    }
  }

  /** Timer events the code listens to or the tests drive. */
  public static final class Timers {
    public static final String COMMITTEE_DAY = "committeeDay";
    public static final String PLAN_END_REACHED = "planEndReached";
    public static final String REASSESSMENT_DUE = "reassessmentDue";
    public static final String HANDOVER_PERIOD_ENDED = "handoverPeriodEnded";

    private Timers() {
    }
  }

  /** Other flow elements the code relies on. */
  public static final class Events {
    public static final String REFERRAL_RECEIVED = "referralReceived";
    public static final String PATHWAY_COMPLETED = "pathwayCompleted";
    public static final String REVOKE_FORMER_COORDINATOR = "revokeFormerCoordinator";

    private Events() {
    }
  }

  /** Decision tables and their outputs. */
  public static final class Decisions {
    public static final String ELIGIBILITY = "eligibility";
    public static final String ELIGIBLE = "eligible";
    public static final String ELIGIBILITY_REASON = "eligibilityReason";
    public static final String ORIENTATION = "orientation";
    public static final List<String> ELIGIBILITY_OUTPUTS = List.of(ELIGIBLE, ELIGIBILITY_REASON, ORIENTATION);

    private Decisions() {
    }
  }

  /** Process variables the code reads or writes. */
  public static final class Variables {
    public static final String PERSON_REF = "personRef";
    public static final String PERSON_LABEL = "personLabel";
    public static final String TERRITORY = "territory";
    public static final String REFERRER_ID = "referrerId";
    public static final String INTERVENERS = "interveners";
    public static final String DIFFICULTY_DOMAINS = "difficultyDomains";
    public static final String DURABLE_SUPPORT = "durableSupport";
    public static final String URGENT = "urgent";
    public static final String CONSENT_GIVEN = "consentGiven";
    public static final String SHARING_CONSENT = "sharingConsent";
    public static final String PREFERRED_COORDINATOR_ID = "preferredCoordinatorId";
    public static final String ACTION_PLAN = "actionPlan";
    public static final String PLANNED_DURATION = "plannedDuration";
    public static final String REVIEW_CYCLE = "reviewCycle";
    public static final String SECOND_WORKER_ID = "secondWorkerId";
    public static final String PURPOSE = "purpose";
    public static final String COMMITTEE_DATE = "committeeDate";
    public static final String COMMITTEE_PLACE = "committeePlace";
    public static final String INVITED_MEMBERS = "invitedMembers";
    public static final String ATTENDANCE = "attendance";
    public static final String SYNTHESIS_ATTENDANCE = "synthesisAttendance";
    public static final String PERSON_PRESENT = "personPresent";
    public static final String COMMITTEE_DECISION = "committeeDecision";
    public static final String COORDINATOR_ID = "coordinatorId";
    public static final String COORDINATOR_CHOICE_REASON = "coordinatorChoiceReason";
    public static final String DECISION_NOTES = "decisionNotes";
    public static final String PREVIOUS_COORDINATOR_ID = "previousCoordinatorId";
    public static final String AGREEMENT_SIGNED = "agreementSigned";
    public static final String AGREEMENT_DATE = "agreementDate";
    public static final String PLAN_END_DATE = "planEndDate";
    public static final String CONTRIBUTION = "contribution";
    public static final String REVIEW_CONTRIBUTIONS = "reviewContributions";
    public static final String OUTCOMES = "outcomes";
    public static final String PROPOSAL = "proposal";
    public static final String EXTENSION_DURATION = "extensionDuration";
    public static final String POSITIVE_EVOLUTION = "positiveEvolution";
    public static final String REMINDED_TASK = "remindedTask";

    private Variables() {
    }
  }

  /** Values of {@link Variables#PURPOSE}: why a technical committee is called. */
  public static final class Purposes {
    public static final String ADMISSION = "admission";
    public static final String REVIEW = "review";

    private Purposes() {
    }
  }

  /** What kind of model element a requirement names. */
  public enum Kind {
    PROCESS("processus"),
    START_FORM("formulaire de démarrage"),
    USER_TASK("tâche utilisateur"),
    MESSAGE("message"),
    TIMER("minuterie"),
    END_EVENT("événement de fin"),
    SERVICE_TASK("tâche de service"),
    CALL("appel de processus"),
    DECISION("table de décision"),
    DECISION_OUTPUT("sortie de table de décision"),
    FORM_FIELD("champ de formulaire");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** French name of the kind, used in the deployment check's messages. */
    public String label() {
      return label;
    }
  }

  /**
   * One identifier the application relies on (the reason, in French, is what the deployment check
   * tells a manager): {@code id} of the given kind must exist in
   * {@code owner} (a process key, a decision key for a decision output, a form id for a form
   * field; for {@link Kind#CALL}, a call activity of {@code owner} must call {@code id}).
   */
  public record Requirement(Kind kind, String owner, String id, String reason) {

    /** The identifier as shown to a manager: {@code pathway › signAgreement}. */
    public String path() {
      return owner + " › " + id;
    }
  }

  /** Everything the code relies on, in the order of the models. */
  public static final List<Requirement> REQUIRED = requirements();

  /** The requirements on a process key (elements of that process). */
  public static List<Requirement> ofProcess(String processKey) {
    return REQUIRED.stream()
        .filter(r -> r.kind() != Kind.DECISION_OUTPUT && r.kind() != Kind.FORM_FIELD && r.owner().equals(processKey))
        .toList();
  }

  /** The fields the code relies on in a form (the variables it writes). */
  public static List<String> fieldsOf(String formId) {
    return REQUIRED.stream().filter(r -> r.kind() == Kind.FORM_FIELD && r.owner().equals(formId))
        .map(Requirement::id).toList();
  }

  /** The outputs the code relies on in a decision table. */
  public static List<String> outputsOf(String decisionKey) {
    return REQUIRED.stream().filter(r -> r.kind() == Kind.DECISION_OUTPUT && r.owner().equals(decisionKey))
        .map(Requirement::id).toList();
  }

  private static List<Requirement> requirements() {
    List<Requirement> all = new ArrayList<>();
    String p = Processes.PATHWAY;
    String c = Processes.TECHNICAL_COMMITTEE;
    String h = Processes.COORDINATOR_HANDOVER;
    add(all, Kind.PROCESS, p, p, "les dossiers, les droits d'accès, les écrans et les indicateurs");
    add(all, Kind.START_FORM, p, Forms.REFERRAL, "la saisine : contrôle de la demande, territoire et département du dossier");
    add(all, Kind.DECISION, p, Decisions.ELIGIBILITY, "l'évaluation de l'éligibilité, surchargeable par département");
    add(all, Kind.USER_TASK, p, Tasks.REDIRECT_REFERRAL, "les indicateurs (dossiers par étape)");
    add(all, Kind.USER_TASK, p, Tasks.RECORD_CONSENT, "le consentement au partage ouvre l'accès des intervenants ; relances");
    add(all, Kind.USER_TASK, p, Tasks.GLOBAL_DIAGNOSTIC, "les indicateurs (dossiers par étape)");
    add(all, Kind.CALL, p, c, "l'instance technique décide de l'admission et du bilan");
    add(all, Kind.USER_TASK, p, Tasks.SIGN_AGREEMENT, "le décompte des admissions, le contrat signé (PDF), les relances");
    add(all, Kind.USER_TASK, p, Tasks.COORDINATE_PATHWAY, "le suivi par le référent ; les indicateurs");
    add(all, Kind.TIMER, p, Timers.PLAN_END_REACHED, "la fin du suivi à l'échéance du plan");
    add(all, Kind.TIMER, p, Timers.REASSESSMENT_DUE, "la réévaluation périodique");
    add(all, Kind.MESSAGE, p, Messages.SYNTHESIS_REQUESTED, "les demandes de réunion de synthèse");
    add(all, Kind.MESSAGE, p, Messages.DISPUTE_RAISED, "les différends signalés");
    add(all, Kind.MESSAGE, p, Messages.COORDINATOR_CHANGE_REQUESTED, "les demandes de changement de référent");
    add(all, Kind.MESSAGE, p, Messages.PATHWAY_WITHDRAWN, "la sortie du dispositif");
    add(all, Kind.USER_TASK, p, Tasks.REASSIGN_COORDINATOR, "la passation et les droits de l'ancien référent");
    add(all, Kind.USER_TASK, p, Tasks.CONTRIBUTE_TO_REVIEW, "les contributions des intervenants au bilan partagé");
    add(all, Kind.USER_TASK, p, Tasks.PREPARE_SHARED_REVIEW, "l'indicateur d'évolution positive");
    add(all, Kind.END_EVENT, p, Events.PATHWAY_COMPLETED, "le décompte des parcours terminés et de l'évolution positive");
    add(all, Kind.PROCESS, c, c, "les chiffres des instances, les convocations, la décision (PDF)");
    add(all, Kind.USER_TASK, c, Tasks.SCHEDULE_COMMITTEE, "les filtres des CTAS, les convocations, les relances");
    add(all, Kind.TIMER, c, Timers.COMMITTEE_DAY, "l'envoi des convocations");
    add(all, Kind.USER_TASK, c, Tasks.HOLD_COMMITTEE, "les chiffres des instances, le référent désigné, la décision (PDF)");
    add(all, Kind.PROCESS, h, h, "la passation, démarrée quand le CTAS remplace le référent");
    add(all, Kind.TIMER, h, Timers.HANDOVER_PERIOD_ENDED, "la fin de la passation");
    add(all, Kind.SERVICE_TASK, h, Events.REVOKE_FORMER_COORDINATOR, "le retrait des droits de l'ancien référent");
    for (String output : Decisions.ELIGIBILITY_OUTPUTS) {
      add(all, Kind.DECISION_OUTPUT, Decisions.ELIGIBILITY, output, "lue par le parcours après l'évaluation de l'éligibilité");
    }
    fields(all, Forms.REFERRAL, "le territoire, le département, les droits et l'éligibilité du dossier", Variables.PERSON_REF,
        Variables.TERRITORY, Variables.REFERRER_ID, Variables.INTERVENERS, Variables.DIFFICULTY_DOMAINS);
    fields(all, Tasks.RECORD_CONSENT, "l'adhésion et le consentement au partage",
        Variables.CONSENT_GIVEN, Variables.SHARING_CONSENT);
    fields(all, Tasks.GLOBAL_DIAGNOSTIC, "l'échéance du plan et les réévaluations",
        Variables.ACTION_PLAN, Variables.PLANNED_DURATION, Variables.REVIEW_CYCLE);
    fields(all, Tasks.SCHEDULE_COMMITTEE, "le jour de l'instance et les convocations",
        Variables.COMMITTEE_DATE, Variables.INVITED_MEMBERS);
    fields(all, Tasks.HOLD_COMMITTEE, "la décision, les droits du référent, les chiffres des instances",
        Variables.ATTENDANCE, Variables.PERSON_PRESENT, Variables.COMMITTEE_DECISION, Variables.COORDINATOR_ID);
    fields(all, Tasks.SIGN_AGREEMENT, "le contrat signé (PDF)", Variables.AGREEMENT_DATE);
    fields(all, Tasks.REASSIGN_COORDINATOR, "les droits du nouveau référent et la passation", Variables.COORDINATOR_ID);
    fields(all, Tasks.CONTRIBUTE_TO_REVIEW, "les contributions gardées par intervenant", Variables.CONTRIBUTION);
    fields(all, Tasks.PREPARE_SHARED_REVIEW, "l'évolution positive et l'instance de bilan",
        Variables.OUTCOMES, Variables.PROPOSAL);
    return Collections.unmodifiableList(all);
  }

  private static void fields(List<Requirement> all, String form, String reason, String... keys) {
    for (String key : keys) {
      add(all, Kind.FORM_FIELD, form, key, reason);
    }
  }

  private static void add(List<Requirement> all, Kind kind, String owner, String id, String reason) {
    all.add(new Requirement(kind, owner, id, reason));
  }

  /** The contract as the Markdown table of {@code docs/models.md} ("The model contract"). */
  public static String markdown() {
    return "| élément | dans | identifiant | l'application s'en sert pour |\n"
        + "| --- | --- | --- | --- |\n"
        + REQUIRED.stream()
            .map(r -> "| " + r.kind().label() + " | `" + r.owner() + "` | `" + r.id() + "` | " + r.reason() + " |")
            .collect(Collectors.joining("\n"))
        + "\n";
  }
}
