package fr.parcours.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Modeler shows nothing of an element without diagram interchange: every flow node of every BPMN
 * in bpmn/ has its shape, every sequence flow its edge, and every user task a form from forms/.
 */
class ModelDiagramTest {

  static Stream<Path> models() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("bpmn"))) {
      List<Path> bpmn = files.filter(f -> f.toString().endsWith(".bpmn")).toList();
      assertThat(bpmn).isNotEmpty();
      return bpmn.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyFlowNodeHasItsShapeAndEveryFlowItsEdge(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
        .map(shape -> shape.getBpmnElement().getId()).collect(Collectors.toSet());
    Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
        .map(edge -> edge.getBpmnElement().getId()).collect(Collectors.toSet());

    List<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).toList();
    assertThat(nodes).isNotEmpty();
    assertThat(nodes).as("flow nodes without a shape in %s", file).allMatch(shapes::contains);
    assertThat(model.getModelElementsByType(SequenceFlow.class)).extracting(SequenceFlow::getId)
        .as("sequence flows without an edge in %s", file).allMatch(edges::contains);
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyUserTaskHasAFrenchNameAndItsForm(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getName()).as("name of %s", task.getId()).isNotBlank();
      assertThat(task.getCamundaFormRef()).as("form of %s", task.getId()).isEqualTo(task.getId());
      assertThat(task.getCamundaFormRefBinding()).as("form binding of %s", task.getId()).isEqualTo("latest");
      assertThat(Path.of("forms", task.getId() + ".form")).as("form file of %s", task.getId()).exists();
    }
  }
}
