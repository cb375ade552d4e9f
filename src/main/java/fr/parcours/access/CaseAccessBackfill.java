package fr.parcours.access;

import java.time.Instant;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import fr.parcours.models.ModelContract.Processes;

/**
 * Once per database, at the first start of a version with need-to-know access: gives their grants
 * to the running cases that have none yet (cases opened before need-to-know access existed), without
 * which their workers would no longer see them. Cases that have their grants are left alone. Done
 * once, then recorded in the engine's property table ({@value #DONE}): the pass reads every open
 * case (two queries each, minutes at 100,000 open cases), which later starts need not repeat, every
 * case opened since getting its grants as it starts.
 */
@Component
public class CaseAccessBackfill {

  private static final Logger LOG = LoggerFactory.getLogger(CaseAccessBackfill.class);

  /** Property of the engine's table ACT_GE_PROPERTY: when the pass was made. */
  static final String DONE = "parcours.access.grants-backfilled";

  private final ProcessEngine engine;
  private final CaseAccess caseAccess;

  public CaseAccessBackfill(ProcessEngine engine, CaseAccess caseAccess) {
    this.engine = engine;
    this.caseAccess = caseAccess;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(5)
  public void onStart() {
    if (engine.getManagementService().getProperties().containsKey(DONE)) {
      return;
    }
    grantRunningCases();
    engine.getManagementService().setProperty(DONE, Instant.now().toString());
  }

  /** The pass itself: every running case without the grants of its territory gets them. */
  public void grantRunningCases() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    int granted = 0;
    for (ProcessInstance pathway : engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(Processes.PATHWAY).list()) {
      Object territory = engine.getRuntimeService().getVariable(pathway.getId(), "territory");
      if (territory instanceof String code && !caseAccess.isGranted(pathway.getId(), code)) {
        configuration.getCommandExecutorTxRequired().execute(commandContext -> {
          caseAccess.regrant(pathway.getId());
          return null;
        });
        granted++;
      }
    }
    if (granted > 0) {
      LOG.info("Accès aux dossiers : droits accordés à {} dossier(s) ouvert(s) avant leur mise en place", granted);
    }
  }
}
