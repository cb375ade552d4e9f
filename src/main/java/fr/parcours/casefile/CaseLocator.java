package fr.parcours.casefile;

import java.util.function.Function;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import fr.parcours.engine.EngineCalls;
import fr.parcours.identity.Groups;
import fr.parcours.models.ModelContract.Processes;
import fr.parcours.web.Refusal;

/**
 * Finds the pathway a case file is about, from the id of the pathway or of one of its technical
 * committees, or from the case reference (business key), under the caller's own authorizations and
 * tenants: what the caller may not read does not exist for them (404). The case is readable by
 * whoever may read its history: the territory's social workers and CTAS, the référent, the
 * interveners from the person's consent on (README, "Who sees what"). Pilots never are, even with a
 * grant they should not have.
 */
@Component
public class CaseLocator {


  private final EngineCalls engine;

  CaseLocator(EngineCalls engine) {
    this.engine = engine;
  }

  /** The pathway (root process instance) of the case, as the caller may read it. */
  public HistoricProcessInstance pathway(Authentication caller, String processInstanceIdOrReference) {
    checkCaller(caller);
    if (processInstanceIdOrReference == null || processInstanceIdOrReference.isBlank()) {
      throw Refusal.caseNotFound();
    }
    return engine.asCaller(caller, () -> {
      HistoryService history = engine.engine().getHistoryService();
      HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
          .processInstanceId(processInstanceIdOrReference).singleResult();
      if (instance == null) {
        instance = history.createHistoricProcessInstanceQuery()
            .processDefinitionKey(Processes.PATHWAY).processInstanceBusinessKey(processInstanceIdOrReference).singleResult();
      }
      if (instance == null) {
        throw Refusal.caseNotFound();
      }
      if (Processes.TECHNICAL_COMMITTEE.equals(instance.getProcessDefinitionKey()) && instance.getRootProcessInstanceId() != null) {
        // the committee's own grant is not enough: the case file is the pathway's
        instance = history.createHistoricProcessInstanceQuery()
            .processInstanceId(instance.getRootProcessInstanceId()).singleResult();
      }
      if (instance == null || !Processes.PATHWAY.equals(instance.getProcessDefinitionKey())) {
        throw Refusal.caseNotFound();
      }
      return instance;
    });
  }

  /**
   * Reads a case the caller may read: found under the caller's rights as {@link #pathway} does, then
   * read in one command without authorization or tenant checks (its committees, history and users
   * are not all granted to every reader), the caller remaining the authenticated user.
   */
  public <T> T read(Authentication caller, String processInstanceIdOrReference,
      Function<HistoricProcessInstance, T> reading) {
    HistoricProcessInstance pathway = pathway(caller, processInstanceIdOrReference);
    return engine.withoutChecks(caller, () -> reading.apply(pathway));
  }

  private static void checkCaller(Authentication caller) {
    if (caller == null || caller.getUserId() == null) {
      throw Refusal.unauthorized();
    }
    if (caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.PILOTS)) {
      throw Refusal.caseNotFound();
    }
  }
}
