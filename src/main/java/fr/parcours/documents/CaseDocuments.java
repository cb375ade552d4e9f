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
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

import fr.parcours.casefile.CaseLocator;
import fr.parcours.identity.Departements;
import fr.parcours.identity.UserNames;
import fr.parcours.models.ModelContract.Processes;
import fr.parcours.models.ModelContract.Tasks;
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
  /** Decisions that designate a référent and set a duration. */
  private static final Set<String> DESIGNATING = Set.of("admit", "extend");

  private final ProcessEngine engine;
  private final Departements departements;
  private final CaseLocator caseLocator;
  private final UserNames userNames;

  public CaseDocuments(@Lazy ProcessEngine engine, Departements departements, CaseLocator caseLocator,
      UserNames userNames) {
    this.engine = engine;
    this.departements = departements;
    this.caseLocator = caseLocator;
    this.userNames = userNames;
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
