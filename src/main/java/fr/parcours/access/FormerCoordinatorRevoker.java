package fr.parcours.access;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task {@code revokeFormerCoordinator} "Retirer l'accès de l'ancien référent" of the
 * {@code coordinator-handover} process, at the end of the handover period that follows a change of
 * référent: the case's grants are brought up to date, so the former référent loses the read-only
 * access they kept for the handover, unless still entitled otherwise (an intervener of the case, or
 * référent again). A case that ended meanwhile already withdrew that access at its end.
 */
@Component("formerCoordinatorRevoker")
public class FormerCoordinatorRevoker implements JavaDelegate {

  private final CaseAccess caseAccess;

  public FormerCoordinatorRevoker(CaseAccess caseAccess) {
    this.caseAccess = caseAccess;
  }

  @Override
  public void execute(DelegateExecution execution) {
    caseAccess.handoverEnded((String) execution.getVariable("pathwayInstanceId"));
  }
}
