package fr.parcours.cluster;

import java.util.UUID;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names the node in what several nodes share, when {@code parcours.cluster.node-name}
 * ({@code PARCOURS_NODE_NAME}) is set: the job log of the history says which node ran each job
 * (Cockpit, {@code /history/job-log}, column HOSTNAME_), and the lock of a job being run says
 * which node holds it ({@code ACT_RU_JOB.LOCK_OWNER_ = <node>/<random>}, unique per start so a
 * restarted node never mistakes the locks of its previous life for its own). Unset: Camunda's
 * defaults (host address, random lock owner).
 */
@Component
public class NodeName extends AbstractProcessEnginePlugin {

  private final String name;

  public NodeName(@Value("${parcours.cluster.node-name:}") String name) {
    this.name = name == null || name.isBlank() ? null : name.trim();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (name != null) {
      configuration.setHostname(name);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (name != null && configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(name + "/" + UUID.randomUUID().toString().substring(0, 8));
    }
  }
}
