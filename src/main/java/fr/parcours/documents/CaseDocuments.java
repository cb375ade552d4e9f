package fr.parcours.documents;

import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

import fr.parcours.casefile.CaseLocator;
import fr.parcours.identity.Departements;
import fr.parcours.identity.UserNames;
import fr.parcours.models.ModelContract.Processes;
import fr.parcours.models.ModelContract.Tasks;
import fr.parcours.models.ModelContract.Timers;
import fr.parcours.models.ModelContract.Variables;
import fr.parcours.validation.JsonLists;
import fr.parcours.web.Refusal;

/**
 * The documents a worker hands to the person, as PDF (A4, in French):
 * <ul>
 * <li>{@link #agreement(String)}: the summary of the signed agreement ("Contrat d'engagement
 * réciproque"): case reference, person's label, territory, référent, date of signature, duration,
 * objectives and action plan (owners, due dates), interveners — as they were when it was signed;</li>
 * <li>{@link #committeeDecision(String)}: the decision of the latest sitting of the technical
 * committee ("Décision de l'instance technique"): date and place of the sitting, purpose, decision, designated
 * référent, duration, reasons and conditions; {@link #committeeDecision(String, String)} for a given
 * sitting.</li>
 * <li>{@link #personCopy(String)}: « Mon parcours », the person's own copy of their plan in plain
 * French, one A4 page ({@link PersonCopyPdf}): their référent and how to reach them, their
 * objectives with their dates, what comes next, what they may ask at any time, their data rights
 * with the département's data-protection officer; the case as it is now, from the signature of the
 * agreement on (each review updates it).</li>
 * </ul>
 * The case is looked up by its business key ({@code RP-2026-000123}) with the <b>caller's</b>
 * authorizations and tenants, i.e. the engine's current authentication
 * ({@code IdentityService#getCurrentAuthentication()}): the HTTP Basic filter sets it for
 * {@code /api}, the webapps' session filter for the webapps' plugin resources. Whoever may read
 * the case's history may have its documents. Refusals are {@link Refusal}s
 * with the HTTP status to answer and a French message: 401 without a caller, 404 for an unknown
 * case or one the caller may not read (the same answer), 409 when the document does not exist yet
 * (agreement not signed, no committee held).
 */
@Service
public class CaseDocuments {

  public static final String PDF = "application/pdf";
  /** The shared review's tasks: while one is open, the review is under way. */
  private static final Set<String> REVIEW_TASKS = Set.of(Tasks.CONTRIBUTE_TO_REVIEW, Tasks.PREPARE_SHARED_REVIEW);
  /** Decisions that designate a référent and set a duration. */
  private static final Set<String> DESIGNATING = Set.of("admit", "extend");

  private final ProcessEngine engine;
  private final Departements departements;
  private final CaseLocator caseLocator;
  private final UserNames userNames;
  private final String retention;

  public CaseDocuments(@Lazy ProcessEngine engine, Departements departements, CaseLocator caseLocator,
      UserNames userNames, @Value("${parcours.retention.history-time-to-live:P730D}") String retention) {
    this.engine = engine;
    this.departements = departements;
    this.caseLocator = caseLocator;
    this.userNames = userNames;
    this.retention = Labels.retention(retention);
  }

  /** The signed-agreement summary of the case, as PDF. */
  public byte[] agreement(String businessKey) {
    // refusals are raised outside the engine's command, which would log them as errors
    AgreementSummary summary = readCase(businessKey, pathway -> agreementSummary(pathway, businessKey));
    if (summary == null) {
      throw Refusal.conflict("Le contrat d'engagement du dossier " + businessKey
          + " n'est pas encore signé : il pourra être édité une fois l'étape « Contractualiser l'engagement » terminée.");
    }
    return AgreementPdf.render(summary);
  }

  /** The decision of the latest sitting of the technical committee of the case, as PDF. */
  public byte[] committeeDecision(String businessKey) {
    return committeeDecision(businessKey, null);
  }

  /**
   * The decision of one sitting, given by the id of its task "Tenir l'instance technique"
   * ({@code holdCommittee}); {@code null} for the latest sitting. A sitting of another case is 404.
   */
  public byte[] committeeDecision(String businessKey, String sittingTaskId) {
    CommitteeDecisionSummary summary = readCase(businessKey,
        pathway -> decisionSummary(pathway, businessKey, sittingTaskId));
    if (summary == null && sittingTaskId != null) {
      throw Refusal.notFound("Séance inconnue pour le dossier " + businessKey + " : " + sittingTaskId);
    }
    if (summary == null) {
      throw Refusal.conflict("Aucune décision d'instance technique n'a encore été rendue "
          + "pour le dossier " + businessKey + " : elle pourra être éditée une fois l'instance tenue.");
    }
    return CommitteeDecisionPdf.render(summary);
  }

  /** « Mon parcours », the person's copy of their plan as it is now, as PDF; 409 before the agreement is signed. */
  public byte[] personCopy(String businessKey) {
    PersonCopy copy = readCase(businessKey, pathway -> personCopy(pathway, businessKey));
    if (copy == null) {
      throw Refusal.conflict("« Mon parcours » du dossier " + businessKey + " n'existe pas encore : "
          + "il pourra être remis à la personne une fois l'étape « Contractualiser l'engagement » terminée.");
    }
    return PersonCopyPdf.render(copy);
  }

  /** The file name to offer for « Mon parcours »: {@code RP-2026-000123-mon-parcours.pdf}. */
  public static String personCopyFileName(String businessKey) {
    return safe(businessKey) + "-mon-parcours.pdf";
  }

  /** The file name to offer for the agreement: {@code RP-2026-000123-contrat.pdf}. */
  public static String agreementFileName(String businessKey) {
    return safe(businessKey) + "-contrat.pdf";
  }

  /** The file name to offer for a committee decision: {@code RP-2026-000123-decision-instance.pdf}. */
  public static String committeeDecisionFileName(String businessKey) {
    return safe(businessKey) + "-decision-instance.pdf";
  }

  /** Reads the case if the caller may read it (the case file's rule, {@link CaseLocator}), else 401 / 404. */
  private <T> T readCase(String businessKey, Function<HistoricProcessInstance, T> reading) {
    return caseLocator.read(engine.getIdentityService().getCurrentAuthentication(), businessKey, reading);
  }

  /** Null while the agreement is not signed. */
  private AgreementSummary agreementSummary(HistoricProcessInstance pathway, String businessKey) {
    HistoryService history = engine.getHistoryService();
    HistoricTaskInstance signature = history.createHistoricTaskInstanceQuery()
        .processInstanceId(pathway.getId())
        .taskDefinitionKey(Tasks.SIGN_AGREEMENT)
        .finished()
        .list().stream()
        .filter(task -> "completed".equals(task.getDeleteReason()))
        .max(Comparator.comparing(HistoricTaskInstance::getEndTime))
        .orElse(null);
    if (signature == null) {
      return null;
    }
    InstanceVariables at = InstanceVariables.at(history, pathway.getId(), signature.getEndTime());
    List<AgreementSummary.Action> plan = JsonLists.elements(at.get("actionPlan")).stream()
        .map(action -> new AgreementSummary.Action(text(action, "label"), text(action, "domain"),
            text(action, "ownerName"), text(action, "dueDate"), text(action, "status")))
        .toList();
    List<AgreementSummary.Intervener> interveners = JsonLists.elements(at.get("interveners")).stream()
        .map(intervener -> new AgreementSummary.Intervener(text(intervener, "name"), text(intervener, "organisation"),
            text(intervener, "role")))
        .toList();
    String coordinatorId = Optional.ofNullable(at.text("coordinatorId")).orElse(signature.getAssignee());
    Date signedOn = Optional.ofNullable(at.date("agreementDate")).orElse(signature.getEndTime());
    return new AgreementSummary(businessKey, at.text("personLabel"), place(at.text("territory")),
        userNames.fullName(coordinatorId), signedOn, at.text("plannedDuration"), plan, interveners, ClockUtil.getCurrentTime());
  }

  /** Null while the agreement is not signed; else the case as it is now. */
  private PersonCopy personCopy(HistoricProcessInstance pathway, String businessKey) {
    HistoryService history = engine.getHistoryService();
    boolean signed = history.createHistoricTaskInstanceQuery().processInstanceId(pathway.getId())
        .taskDefinitionKey(Tasks.SIGN_AGREEMENT).finished().list().stream()
        .anyMatch(task -> "completed".equals(task.getDeleteReason()));
    if (!signed) {
      return null;
    }
    Date now = ClockUtil.getCurrentTime();
    InstanceVariables current = InstanceVariables.at(history, pathway.getId(), now);
    String territory = current.text(Variables.TERRITORY);
    List<PersonCopy.Objective> objectives = JsonLists.elements(current.get(Variables.ACTION_PLAN)).stream()
        .map(action -> new PersonCopy.Objective(text(action, "label"), text(action, "dueDate"),
            text(action, "ownerName"), text(action, "status")))
        .toList();
    Date endedOn = pathway.getEndTime();
    return new PersonCopy(businessKey, place(territory),
        coordinator(current.text(Variables.COORDINATOR_ID), current.get(Variables.INTERVENERS), territory),
        objectives, endedOn == null ? nextSteps(pathway.getId(), current, now) : List.of(), endedOn,
        departements.tenantOf(territory).map(tenant -> departements.tenants().get(tenant).dpo()).orElse(null),
        retention, now);
  }

  /** The référent by name, their organisation (as listed among the interveners, else the département) and e-mail. */
  private PersonCopy.Coordinator coordinator(String coordinatorId, Object interveners, String territory) {
    if (coordinatorId == null) {
      return null;
    }
    User user = engine.getIdentityService().createUserQuery().userId(coordinatorId).singleResult();
    if (user == null) {
      return null;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    String organisation = JsonLists.elements(interveners).stream()
        .filter(intervener -> coordinatorId.equals(text(intervener, "userId")))
        .map(intervener -> text(intervener, "organisation"))
        .filter(o -> o != null && !o.isBlank())
        .findFirst()
        .orElse("Département " + place(territory).departement());
    String email = user.getEmail() == null || user.getEmail().isBlank() ? null : user.getEmail();
    return new PersonCopy.Coordinator(name.isEmpty() ? null : name, organisation, email);
  }

  /**
   * What comes next for the person, soonest first: a technical committee already scheduled, the
   * periodic re-assessment (the model's timer), a synthesis meeting asked for, the shared review
   * under way or planned at the end of the plan.
   */
  private List<PersonCopy.NextStep> nextSteps(String pathwayId, InstanceVariables current, Date now) {
    List<PersonCopy.NextStep> steps = new java.util.ArrayList<>();
    engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(pathwayId).list().stream()
        .filter(committee -> Processes.TECHNICAL_COMMITTEE.equals(processKey(committee.getProcessDefinitionId())))
        .map(committee -> engine.getRuntimeService().getVariable(committee.getId(), Variables.COMMITTEE_DATE))
        .filter(date -> date instanceof Date day && day.after(now))
        .findFirst()
        .ifPresent(date -> steps.add(new PersonCopy.NextStep(
            "Instance technique, avec les professionnels. Vous pouvez y venir", (Date) date, true)));
    engine.getManagementService().createJobQuery().processInstanceId(pathwayId).activityId(Timers.REASSESSMENT_DUE)
        .list().stream().map(job -> job.getDuedate()).filter(java.util.Objects::nonNull).min(Date::compareTo)
        .ifPresent(due -> steps.add(new PersonCopy.NextStep("Point sur votre situation avec votre référent", due, false)));
    boolean synthesis = engine.getTaskService().createTaskQuery().processInstanceId(pathwayId)
        .taskDefinitionKey(Tasks.HOLD_SYNTHESIS_MEETING).count() > 0;
    if (synthesis) {
      steps.add(new PersonCopy.NextStep("Une réunion de synthèse va avoir lieu. Votre référent vous donnera la date",
          null, false));
    }
    boolean reviewing = engine.getTaskService().createTaskQuery().processInstanceId(pathwayId)
        .taskDefinitionKeyIn(REVIEW_TASKS.toArray(String[]::new)).count() > 0;
    if (reviewing) {
      steps.add(new PersonCopy.NextStep("Le bilan de votre accompagnement est en cours. Vous le préparez avec votre "
          + "référent", null, false));
    } else if (current.date(Variables.PLAN_END_DATE) != null && current.date(Variables.PLAN_END_DATE).after(now)) {
      steps.add(new PersonCopy.NextStep("Bilan de votre accompagnement avec votre référent", current.date(Variables.PLAN_END_DATE),
          false));
    }
    steps.sort(Comparator.comparing(PersonCopy.NextStep::when, Comparator.nullsLast(Comparator.naturalOrder())));
    return steps;
  }

  private String processKey(String processDefinitionId) {
    return engine.getRepositoryService().getProcessDefinition(processDefinitionId).getKey();
  }

  /** Null while no sitting was held (or for a sitting of another case). */
  private CommitteeDecisionSummary decisionSummary(HistoricProcessInstance pathway, String businessKey, String sittingTaskId) {
    HistoryService history = engine.getHistoryService();
    List<String> committees = history.createHistoricProcessInstanceQuery()
        .superProcessInstanceId(pathway.getId()).list().stream().map(HistoricProcessInstance::getId).toList();
    List<HistoricTaskInstance> sittings = committees.stream()
        .flatMap(committee -> history.createHistoricTaskInstanceQuery()
            .processInstanceId(committee).taskDefinitionKey(Tasks.HOLD_COMMITTEE).finished().list().stream())
        .filter(task -> "completed".equals(task.getDeleteReason()))
        .toList();
    HistoricTaskInstance sitting = sittingTaskId != null
        ? sittings.stream().filter(task -> task.getId().equals(sittingTaskId)).findFirst().orElse(null)
        : sittings.stream().max(Comparator.comparing(HistoricTaskInstance::getEndTime)).orElse(null);
    if (sitting == null) {
      return null;
    }
    InstanceVariables at = InstanceVariables.at(history, sitting.getProcessInstanceId(), sitting.getEndTime());
    String decision = at.text("committeeDecision");
    boolean designating = DESIGNATING.contains(decision);
    Object personPresent = at.get("personPresent");
    return new CommitteeDecisionSummary(businessKey, at.text("personLabel"), place(at.text("territory")),
        at.text("purpose"), at.date("committeeDate"), at.text("committeePlace"), decision,
        designating ? userNames.fullName(at.text("coordinatorId")) : null,
        designating ? at.text("plannedDuration") : null,
        personPresent instanceof Boolean present ? present : null,
        at.text("decisionNotes"),
        designating ? at.text("coordinatorChoiceReason") : null,
        ClockUtil.getCurrentTime());
  }

  private Place place(String territory) {
    return departements.tenants().values().stream()
        .filter(departement -> departement.territories().containsKey(territory))
        .findFirst()
        .map(departement -> new Place(departement.name(), departement.territories().get(territory).name()))
        .orElse(new Place("", territory == null ? "" : territory));
  }

  private static String text(SpinJsonNode node, String property) {
    if (!node.hasProp(property)) {
      return null;
    }
    SpinJsonNode value = node.prop(property);
    if (value.isNull()) {
      return null;
    }
    return value.isValue() ? String.valueOf(value.value()) : value.toString();
  }

  /** Business keys are generated ({@code RP-<year>-<number>}); anything else is kept out of a header. */
  private static String safe(String businessKey) {
    return businessKey == null ? "dossier" : businessKey.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
