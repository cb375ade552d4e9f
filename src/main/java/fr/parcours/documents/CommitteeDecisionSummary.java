package fr.parcours.documents;

import java.util.Date;

/**
 * What the decision of one sitting of the technical committee shows: its date, purpose, decision,
 * designated référent and the reasons or conditions recorded. Not the attendance list, nor the
 * diagnosis.
 */
record CommitteeDecisionSummary(String caseReference, String personLabel, Place place, String purpose,
    Date sittingDate, String sittingPlace, String decision, String coordinator, String plannedDuration, Boolean personPresent,
    String decisionNotes, String coordinatorChoiceReason, Date editedOn) {}
