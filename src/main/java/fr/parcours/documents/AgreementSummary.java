package fr.parcours.documents;

import java.util.Date;
import java.util.List;

/**
 * What the signed-agreement summary shows, as it was when the agreement was signed: only what the
 * person is given (no diagnosis, no pseudonymous reference, no account ids).
 */
record AgreementSummary(String caseReference, String personLabel, Place place, String coordinator,
    Date signedOn, String plannedDuration, List<Action> actionPlan, List<Intervener> interveners, Date editedOn) {

  /** One objective of the action plan. */
  record Action(String label, String domain, String owner, String dueDate, String status) {}

  /** One professional involved: name, organisation, role. */
  record Intervener(String name, String organisation, String role) {}
}
