package fr.parcours.bench;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * The bare-engine baseline: a flat process of twelve user tasks in a row (as many as the pathway's
 * happy path), offered to the territory's social workers, with no listener, expression bean, form,
 * timer or call activity of its own. Deployed by the harness only, into the same engine. The
 * application's parse listeners (validation, access, figures) are attached to every model, this one
 * too, but do nothing for a process other than {@code pathway}: what remains is the cost of calling them.
 */
final class FlatProcess {

  static final String KEY = "bench-flat";

  private FlatProcess() {}

  static String taskKey(int index) {
    return "flatTask%02d".formatted(index + 1);
  }

  static void deploy(ProcessEngine engine) {
    AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess(KEY).name("Référence : processus plat")
        .startEvent("flatStart");
    for (int i = 0; i < CaseDriver.USER_TASKS; i++) {
      // a form key (no Camunda Form, so no form rules): the deployment check wants a form on every user task
      builder = builder.userTask(taskKey(i)).name("Étape " + (i + 1)).camundaCandidateGroups("ts-${territory}")
          .camundaFormKey("bench:flat");
    }
    BpmnModelInstance model = builder.endEvent("flatEnd").done();
    engine.getRepositoryService().createDeployment().name("bench-flat").addModelInstance("bench-flat.bpmn", model)
        .deploy();
  }
}
