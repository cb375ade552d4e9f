package fr.parcours.documents;

import java.util.Date;
import java.util.List;

import fr.parcours.identity.Departements.Contact;

/**
 * What « Mon parcours », the person's own copy of their plan, shows: the case as it is now, in
 * the words given to the person. Nothing of the professionals' file: no diagnosis, no pseudonymous
 * reference, no account ids (the référent by name, reached by e-mail).
 *
 * @param coordinator the référent, null while none is designated
 * @param nextSteps the next meetings and reviews, soonest first (empty when none is planned or the case ended)
 * @param endedOn when the accompaniment ended, null while it runs
 * @param dpo the département's data-protection officer, null when not configured
 * @param retention how long the data are kept after the end, in words ("2 ans")
 */
record PersonCopy(String caseReference, Place place, Coordinator coordinator, List<Objective> objectives,
    List<NextStep> nextSteps, Date endedOn, Contact dpo, String retention, Date editedOn) {

  /** The référent: name, organisation and e-mail (each may be missing). */
  record Coordinator(String name, String organisation, String email) {}

  /** One objective of the plan, with its due date ({@code yyyy-MM-dd}), who helps and how far it is. */
  record Objective(String label, String dueDate, String helper, String status) {}

  /** A meeting or review to come: what, when (null: date not known yet), and whether the time is exact. */
  record NextStep(String what, Date when, boolean exactTime) {}
}
