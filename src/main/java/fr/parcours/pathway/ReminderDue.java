package fr.parcours.pathway;

import java.util.List;

/**
 * A reminder about an open task: who is reminded (the assignee, else the candidate groups) of
 * which task of which case. Carries no personal data of the person accompanied.
 */
public record ReminderDue(String caseReference, String taskId, String taskKey, String assignee,
    List<String> candidateGroups) {}
