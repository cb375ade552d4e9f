package fr.parcours.access;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start, gives their grants to the running cases that have none yet (cases opened before
 * need-to-know access existed): without it their workers would no longer see them. Cases that
 * have their grants are left alone, so a restart changes nothing.
 */
@Component
public class CaseAccessBackfill {

  private static final Logger LOG = LoggerFactory.getLogger(CaseAccessBackfill.class);

  private final ProcessEngine engine;
  private final CaseAccess caseAccess;

  public CaseAccessBackfill(ProcessEngine engine, CaseAccess caseAccess) {
    this.engine = engine;
    this.caseAccess = caseAccess;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(5)
  public void grantRunningCases() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    int granted = 0;
    for (ProcessInstance pathway : engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(CaseAccess.PATHWAY).list()) {
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
