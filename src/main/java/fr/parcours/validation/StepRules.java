package fr.parcours.validation;

import java.time.Period;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import fr.parcours.access.CaseAccess;
import fr.parcours.identity.Departements;
import fr.parcours.models.ModelContract.Messages;
import fr.parcours.models.ModelContract.Variables;

/**
 * What no form can express, keyed on the variables (field names), never on a step: a field naming
 * a user names one who exists; a territory is one the application knows; a list the démarche needs
 * has at least one row; rules across fields. A rule applies to every step whose form shows that
 * field (the start, any task, a step a manager adds), once the field passed its form's own rules
 * ({@link FormChecks}). Messages have no form: what each one must carry is stated here.
 *
 * <p>Everything else (required, types, options, lengths, patterns, dates, conditions) is the form's:
 * docs/models.md, « Le formulaire est le contrat ».
 */
@Component
public class StepRules {

  public static final Set<String> SYNTHESIS_REQUESTERS = Set.of("coordinator", "intervener", "person");
  public static final Set<String> EXIT_REASONS = Set.of("withdrawal", "move", "death", "other");

  /** Fields naming a user of the application (an account id). */
  static final List<String> USER_FIELDS = List.of(Variables.REFERRER_ID, Variables.COORDINATOR_ID,
      Variables.PREFERRED_COORDINATOR_ID, Variables.SECOND_WORKER_ID);

  /** Lists the démarche cannot do without: a dynamic list of form-js cannot be required. */
  static final List<String> NON_EMPTY_LISTS = List.of(Variables.INTERVENERS, Variables.ACTION_PLAN,
      Variables.INVITED_MEMBERS, Variables.ATTENDANCE, Variables.SYNTHESIS_ATTENDANCE);

  private final Departements departements;
  private final CaseAccess caseAccess;
  private final Map<String, Consumer<Inputs>> messages;

  public StepRules(Departements departements, @Lazy CaseAccess caseAccess) {
    this.departements = departements;
    this.caseAccess = caseAccess;
    this.messages = Map.of(
        Messages.SYNTHESIS_REQUESTED, in -> {
          in.oneOf("requestedBy", SYNTHESIS_REQUESTERS, true);
          in.text("reason", true);
        },
        Messages.DISPUTE_RAISED, in -> in.text("reason", true),
        Messages.COORDINATOR_CHANGE_REQUESTED, in -> in.text("reason", true),
        Messages.PATHWAY_WITHDRAWN, in -> in.oneOf("exitReason", EXIT_REASONS, true));
  }

  /** What a message must carry, or null when it carries nothing to check. */
  public Consumer<Inputs> ofMessage(String messageName) {
    return messages.get(messageName);
  }

  /** The rules in code on the fields a form shows and that passed the form's rules. */
  void checkFields(Set<String> fields, Inputs in) {
    for (String user : USER_FIELDS) {
      if (fields.contains(user)) {
        in.existingUser(user, false);
      }
    }
    for (String list : NON_EMPTY_LISTS) {
      if (fields.contains(list)) {
        in.list(list, true);
      }
    }
    if (fields.contains(Variables.SECOND_WORKER_ID)) {
      secondWorkerSeesTheCase(in);
    }
    if (fields.contains(Variables.INTERVENERS)) {
      in.objects(Variables.INTERVENERS, false, intervener -> intervener.existingUser("userId"));
    }
    if (fields.contains(Variables.TERRITORY)) {
      String territory = in.text(Variables.TERRITORY, false);
      if (territory != null && !departements.isTerritory(territory)) {
        in.problem(in.named(Variables.TERRITORY) + " : territoire inconnu « " + territory + " »");
      }
    }
    if (fields.contains(Variables.PLANNED_DURATION) && fields.contains(Variables.REVIEW_CYCLE)) {
      reviewWithinDuration(in);
    }
    if (fields.contains(Variables.COMMITTEE_DATE)) {
      Date date = in.date(Variables.COMMITTEE_DATE, false);
      if (date != null && date.before(new Date(ClockUtil.getCurrentTime().getTime() - 24 * 3600 * 1000L))) {
        in.problem(in.named(Variables.COMMITTEE_DATE) + " est dans le passé");
      }
    }
    if (fields.contains(Variables.COORDINATOR_ID)) {
      // a change of référent names someone else than the référent in place
      Object previous = in.value(Variables.PREVIOUS_COORDINATOR_ID);
      String coordinator = in.text(Variables.COORDINATOR_ID, false);
      if (coordinator != null && coordinator.equals(previous)) {
        in.problem(in.named(Variables.COORDINATOR_ID) + " : « " + coordinator + " » est déjà le référent de ce parcours");
      }
    }
  }

  /**
   * The second worker is given a task of the case ({@code supportDiagnostic}): someone the case does
   * not entitle would get no grant with it (CaseTaskGrants) and never see it, and the case would wait.
   */
  private void secondWorkerSeesTheCase(Inputs in) {
    String worker = in.text(Variables.SECOND_WORKER_ID, false);
    String field = in.named(Variables.SECOND_WORKER_ID);
    boolean unknown = in.problems().stream().anyMatch(problem -> problem.startsWith(field));
    if (worker != null && !unknown && in.scope() instanceof Task task
        && !caseAccess.mayBeGiven(task, worker)) {
      in.problem(field + " : « " + worker + " » n'est ni un travailleur social ou un"
          + " membre de la CTAS du territoire du dossier, ni un intervenant du dossier ; il ne pourrait pas voir"
          + " la tâche « Compléter le diagnostic »");
    }
  }

  private static void reviewWithinDuration(Inputs in) {
    Period duration = in.period(Variables.PLANNED_DURATION, false);
    Period cycle = in.period(Variables.REVIEW_CYCLE, false);
    if (duration != null && cycle != null && months(cycle) > months(duration)) {
      in.problem(in.named(Variables.REVIEW_CYCLE) + " (" + cycle + ") ne peut pas dépasser "
          + in.named(Variables.PLANNED_DURATION) + " (" + duration + ")");
    }
  }

  private static double months(Period period) {
    return period.toTotalMonths() + period.getDays() / 30.0;
  }
}
