package fr.parcours.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Evaluates the decision {@code eligibility} with the standalone DMN engine: the shared default table
 * ({@code bpmn/eligibility.dmn}) and the Pas-de-Calais tenant table
 * ({@code bpmn/tenants/pas-de-calais/eligibility.dmn}).
 *
 * <p>Each case names the rule it must hit; the engine reports the matched rule through a decision
 * table evaluation listener, so a case fails if another rule answers. {@link #everyRuleOfTheDefaultTableHasACase()}
 * and {@link #everyRuleOfThePasDeCalaisTableHasACase()} check that the cases cover every rule of each table.
 */
class EligibilityDecisionTest {

  static final Path DEFAULT_TABLE = Path.of("bpmn/eligibility.dmn");
  static final Path PAS_DE_CALAIS_TABLE = Path.of("bpmn/tenants/pas-de-calais/eligibility.dmn");

  static final String REFERENT = "referent-de-parcours";

  /** Rules matched by the latest evaluation (tests run one at a time on one thread). */
  static final List<String> matchedRuleIds = new ArrayList<>();

  static DmnEngine engine;
  static DmnDecision defaultDecision;
  static DmnDecision pasDeCalaisDecision;

  @BeforeAll
  static void parseTables() throws IOException {
    DmnDecisionTableEvaluationListener recordMatchedRules = event -> {
      matchedRuleIds.clear();
      event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(matchedRuleIds::add);
    };
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
        .customPostDecisionTableEvaluationListeners(List.of(recordMatchedRules))
        .buildEngine();
    defaultDecision = parse(DEFAULT_TABLE);
    pasDeCalaisDecision = parse(PAS_DE_CALAIS_TABLE);
  }

  static DmnDecision parse(Path file) throws IOException {
    try (InputStream in = new FileInputStream(file.toFile())) {
      return engine.parseDecision("eligibility", in);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Cases

  /** One evaluation: inputs, the rule that must answer and what the worker must read. */
  record Case(String name, Map<String, Object> variables, String ruleId, boolean eligible,
      String orientation, String reasonFragment) {
    @Override
    public String toString() {
      return name + " → " + ruleId;
    }
  }

  static Case hit(String name, Map<String, Object> variables, String ruleId, boolean eligible,
      String orientation, String reasonFragment) {
    return new Case(name, variables, ruleId, eligible, orientation, reasonFragment);
  }

  /** Variables of the default table; {@code null} means the variable is null. */
  static Map<String, Object> facts(Integer intervenerCount, Boolean durableSupport, Integer domainCount,
      Boolean urgent) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("intervenerCount", intervenerCount);
    variables.put("durableSupport", durableSupport);
    variables.put("domainCount", domainCount);
    variables.put("urgent", urgent);
    return variables;
  }

  /** Variables as the process gives them to the Pas-de-Calais table: the domain list and its size. */
  static Map<String, Object> family(Integer intervenerCount, Boolean durableSupport, Boolean urgent,
      String... domains) {
    Map<String, Object> variables = facts(intervenerCount, durableSupport, domains.length, urgent);
    variables.put("domains", new ArrayList<>(Arrays.asList(domains)));
    return variables;
  }

  static Stream<Case> defaultCases() {
    return Stream.of(
        // one named case per rule, in table order
        hit("urgent overrides every other criterion", facts(0, false, 0, true),
            "ruleUrgent", true, REFERENT, "situation d'urgence"),
        hit("two interveners, durable, two domains", facts(2, true, 2, false),
            "ruleEligible", true, REFERENT, "deux intervenants ou plus"),
        hit("one intervener", facts(1, true, 3, false),
            "ruleTooFewInterveners", false, "accompagnement-social-global", "moins de deux intervenants"),
        hit("one difficulty domain", facts(3, true, 1, false),
            "ruleNotComplex", false, "accompagnement-specialise", "moins de deux domaines de difficulté"),
        hit("interventions not durable", facts(3, false, 3, false),
            "ruleNotDurable", false, "accompagnement-ponctuel", "ne s'inscrivent pas dans la durée"),
        // boundaries
        hit("many interveners and domains", facts(6, true, 5, false),
            "ruleEligible", true, REFERENT, "deux intervenants ou plus"),
        hit("no intervener at all", facts(0, true, 2, false),
            "ruleTooFewInterveners", false, "accompagnement-social-global", "moins de deux intervenants"),
        hit("no difficulty domain", facts(2, true, 0, false),
            "ruleNotComplex", false, "accompagnement-specialise", "moins de deux domaines"),
        hit("several criteria missing: interveners reported first", facts(1, false, 1, false),
            "ruleTooFewInterveners", false, "accompagnement-social-global", "moins de deux intervenants"),
        hit("urgent with one intervener", facts(1, null, 1, true),
            "ruleUrgent", true, REFERENT, "situation d'urgence"),
        // null booleans count as false
        hit("urgent null, otherwise eligible", facts(2, true, 2, null),
            "ruleEligible", true, REFERENT, "deux intervenants ou plus"),
        hit("durableSupport null", facts(2, null, 2, false),
            "ruleNotDurable", false, "accompagnement-ponctuel", "non renseigné"),
        hit("durableSupport and urgent null", facts(4, null, 3, null),
            "ruleNotDurable", false, "accompagnement-ponctuel", "ne s'inscrivent pas dans la durée"),
        // null counts read as zero, so the reason still names the missing criterion
        hit("intervenerCount null", facts(null, true, 3, false),
            "ruleTooFewInterveners", false, "accompagnement-social-global", "moins de deux intervenants"),
        hit("domainCount null", facts(3, true, null, false),
            "ruleNotComplex", false, "accompagnement-specialise", "moins de deux domaines"));
  }

  static Stream<Case> pasDeCalaisCases() {
    String pdcTarget = "familles avec enfant(s)";
    return Stream.of(
        // one named case per rule, in table order
        hit("urgent overrides every other criterion", family(1, false, true, "health"),
            "ruleUrgent", true, REFERENT, "situation d'urgence"),
        hit("family with crossed educational, housing and insertion difficulties",
            family(2, true, false, "education", "housing", "employment"),
            "ruleEligible", true, REFERENT, "croisent les volets éducatif, logement et insertion"),
        hit("one intervener", family(1, true, false, "education", "housing", "employment"),
            "ruleTooFewInterveners", false, "accompagnement-social-global", "moins de deux intervenants"),
        hit("no educational difficulty", family(3, true, false, "housing", "employment", "health"),
            "ruleNoEducationalDifficulty", false, "accompagnement-social-global", pdcTarget),
        hit("no housing difficulty", family(3, true, false, "education", "employment", "budget"),
            "ruleNoHousingDifficulty", false, "referent-famille", "pas de difficulté de logement"),
        hit("no insertion difficulty", family(3, true, false, "education", "housing", "budget"),
            "ruleNoInsertionDifficulty", false, "referent-famille", "pas de difficulté d'insertion"),
        hit("interventions not durable", family(3, false, false, "education", "housing", "employment"),
            "ruleNotDurable", false, "accompagnement-ponctuel", "ne s'inscrivent pas dans la durée"),
        // the educational strand is education, parenting or child-protection
        hit("parenting counts as educational difficulty", family(2, true, false, "parenting", "housing", "employment"),
            "ruleEligible", true, REFERENT, "famille avec enfant(s)"),
        hit("child protection counts as educational difficulty",
            family(2, true, false, "child-protection", "housing", "employment", "health"),
            "ruleEligible", true, REFERENT, "famille avec enfant(s)"),
        // a default-table eligible situation is not the Pas-de-Calais target public
        hit("several difficulties but no child", family(4, true, false, "health", "budget", "isolation"),
            "ruleNoEducationalDifficulty", false, "accompagnement-social-global", pdcTarget),
        hit("no difficulty domain", family(2, true, false),
            "ruleNoEducationalDifficulty", false, "accompagnement-social-global", pdcTarget),
        // boundaries and null booleans
        hit("no intervener at all", family(0, true, false, "education", "housing", "employment"),
            "ruleTooFewInterveners", false, "accompagnement-social-global", "moins de deux intervenants"),
        hit("urgent null, otherwise eligible", family(2, true, null, "education", "housing", "employment"),
            "ruleEligible", true, REFERENT, "deux intervenants ou plus"),
        hit("durableSupport null", family(2, null, false, "education", "housing", "employment"),
            "ruleNotDurable", false, "accompagnement-ponctuel", "non renseigné"),
        hit("durableSupport and urgent null", family(2, null, null, "education", "housing", "employment"),
            "ruleNotDurable", false, "accompagnement-ponctuel", "ne s'inscrivent pas dans la durée"),
        // a null count or domain list reads as empty, so the reason still names the missing criterion
        hit("intervenerCount null", family(null, true, false, "education", "housing", "employment"),
            "ruleTooFewInterveners", false, "accompagnement-social-global", "moins de deux intervenants"),
        hit("domains null", withoutDomains(family(3, true, false)),
            "ruleNoEducationalDifficulty", false, "accompagnement-social-global", pdcTarget));
  }

  static Map<String, Object> withoutDomains(Map<String, Object> variables) {
    variables.put("domains", null);
    variables.put("domainCount", null);
    return variables;
  }

  // ---------------------------------------------------------------------------------------------
  // Evaluation

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaultCases")
  void defaultTable(Case c) {
    assertDecision(defaultDecision, c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pasDeCalaisCases")
  void pasDeCalaisTable(Case c) {
    assertDecision(pasDeCalaisDecision, c);
  }

  static void assertDecision(DmnDecision decision, Case c) {
    DmnDecisionResult result = engine.evaluateDecision(decision, c.variables());

    assertThat(matchedRuleIds).as("matched rule").containsExactly(c.ruleId());
    DmnDecisionResultEntries outputs = result.getSingleResult();
    assertThat(outputs.<Boolean>getEntry("eligible")).as("eligible").isEqualTo(c.eligible());
    assertThat(outputs.<String>getEntry("orientation")).as("orientation").isEqualTo(c.orientation());
    assertThat(outputs.<String>getEntry("eligibilityReason")).as("eligibilityReason")
        .startsWith(c.eligible() ? "Éligible" : "Non éligible")
        .contains(c.reasonFragment());
  }

  @Test
  void absentBooleanVariablesCountAsFalse() {
    // the start form may omit durableSupport and urgent altogether
    Map<String, Object> variables = new HashMap<>(Map.of("intervenerCount", 3, "domainCount", 3,
        "domains", List.of("education", "housing", "employment")));

    for (DmnDecision decision : List.of(defaultDecision, pasDeCalaisDecision)) {
      DmnDecisionResultEntries outputs = engine.evaluateDecision(decision, variables).getSingleResult();
      assertThat(matchedRuleIds).containsExactly("ruleNotDurable");
      assertThat(outputs.<Boolean>getEntry("eligible")).isFalse();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Coverage and shape of the tables

  @Test
  void everyRuleOfTheDefaultTableHasACase() throws IOException {
    assertThat(caseRuleIds(defaultCases())).containsExactlyInAnyOrderElementsOf(ruleIds(DEFAULT_TABLE));
  }

  @Test
  void everyRuleOfThePasDeCalaisTableHasACase() throws IOException {
    assertThat(caseRuleIds(pasDeCalaisCases())).containsExactlyInAnyOrderElementsOf(ruleIds(PAS_DE_CALAIS_TABLE));
  }

  @Test
  void bothTablesAreFirstHitTablesWithAnnotatedRules() throws IOException {
    for (Path file : List.of(DEFAULT_TABLE, PAS_DE_CALAIS_TABLE)) {
      Decision decision = Dmn.readModelFromFile(file.toFile()).getModelElementById("eligibility");
      assertThat(decision.getName()).isEqualTo("Éligibilité à la démarche");
      // retention is configured for every definition at once (parcours.retention), not per model
      assertThat(decision.getCamundaHistoryTimeToLiveString()).isNull();
      DecisionTable table = (DecisionTable) decision.getExpression();
      assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
      assertThat(table.getOutputs()).extracting(output -> output.getName())
          .containsExactly("eligible", "eligibilityReason", "orientation");
      assertThat(table.getRules()).allSatisfy(rule ->
          assertThat(rule.getDescription().getTextContent()).as("annotation of %s", rule.getId())
              .contains("Source :").containsPattern("00[034]_[0-9a-f]{16}\\.txt"));
      assertThat(Files.readString(file)).contains("<dmndi:DMNShape", "dmnElementRef=\"eligibility\"", "<dc:Bounds");
    }
  }

  static Set<String> caseRuleIds(Stream<Case> cases) {
    return cases.map(Case::ruleId).collect(Collectors.toSet());
  }

  static Set<String> ruleIds(Path file) {
    return Dmn.readModelFromFile(file.toFile()).getModelElementsByType(Rule.class).stream()
        .map(Rule::getId)
        .collect(Collectors.toSet());
  }
}
