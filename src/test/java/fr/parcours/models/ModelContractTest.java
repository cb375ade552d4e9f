package fr.parcours.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import fr.parcours.models.ContractCheck.Resource;

/**
 * The model contract is stated once: the table of docs/models.md is {@link ModelContract#markdown()},
 * the models of bpmn/ and forms/ keep it, and a model that loses or renames an identifier is
 * reported with a French message naming it.
 */
class ModelContractTest {

  private static final String START = "<!-- model-contract:start -->\n";
  private static final String END = "<!-- model-contract:end -->";

  @Test
  void docsShowTheContractTheCodeStates() throws IOException {
    String docs = Files.readString(Path.of("docs/models.md"));
    int start = docs.indexOf(START);
    int end = docs.indexOf(END);
    assertThat(start).as("docs/models.md marks the contract").isPositive();
    assertThat(docs.substring(start + START.length(), end))
        .as("docs/models.md, section « The model contract »: paste ModelContract.markdown()")
        .isEqualTo(ModelContract.markdown());
  }

  @Test
  void theApplicationsModelsKeepTheContract() throws IOException {
    assertThat(ContractCheck.problems(applicationModels())).isEmpty();
  }

  @Test
  void everyRequirementIsFoundInTheApplicationsModels() throws IOException {
    // each requirement, removed from the models one at a time, is reported: none is vacuous
    List<Resource> models = applicationModels();
    for (ModelContract.Requirement required : ModelContract.REQUIRED) {
      List<Resource> broken = new ArrayList<>();
      for (Resource resource : models) {
        broken.add(new Resource(resource.name(), remove(resource, required)));
      }
      assertThat(ContractCheck.problems(broken)).as("removing %s %s", required.kind(), required.path())
          .anyMatch(problem -> problem.contains("« " + required.id() + " »"));
    }
  }

  @Test
  void aRenamedTaskIsReportedInFrench() throws IOException {
    byte[] pathway = Files.readString(Path.of("bpmn/pathway.bpmn"))
        .replace("=\"signAgreement\"", "=\"signContract\"").replace(">signAgreement<", ">signContract<")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(ContractCheck.problems(List.of(new Resource("pathway.bpmn", pathway)))).containsExactly(
        "pathway.bpmn, processus « pathway » : il manque la tâche utilisateur « signAgreement » (identifiant supprimé ou renommé). "
            + "L'application s'en sert pour : le décompte des admissions, le contrat signé (PDF), les relances.");
  }

  /** The resource with the requirement's identifier replaced by another one. */
  private static byte[] remove(Resource resource, ModelContract.Requirement required) {
    String text = new String(resource.bytes(), StandardCharsets.UTF_8);
    String id = required.id();
    String renamed = switch (required.kind()) {
      case FORM_FIELD -> resource.name().equals(required.owner() + ".form")
          ? text.replace("\"key\": \"" + id + "\"", "\"key\": \"renamed\"").replace("\"path\": \"" + id + "\"", "\"path\": \"renamed\"")
          : text;
      case DECISION_OUTPUT -> text.replace("name=\"" + id + "\"", "name=\"renamed\"");
      case CALL -> text.replace("calledElement=\"" + id + "\"", "calledElement=\"renamed\"");
      case DECISION -> text.replace("decisionRef=\"" + id + "\"", "decisionRef=\"renamed\"");
      case MESSAGE -> text.replace("name=\"" + id + "\"", "name=\"renamed\"");
      case START_FORM -> text.replace("formRef=\"" + id + "\"", "formRef=\"renamed\"");
      default -> text.replace("=\"" + id + "\"", "=\"renamed\"").replace(">" + id + "<", ">renamed<");
    };
    return renamed.getBytes(StandardCharsets.UTF_8);
  }

  static List<Resource> applicationModels() throws IOException {
    List<Resource> resources = new ArrayList<>();
    for (String folder : List.of("bpmn", "forms")) {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          resources.add(new Resource(file.getFileName().toString(), Files.readAllBytes(file)));
        }
      }
    }
    return resources;
  }
}
