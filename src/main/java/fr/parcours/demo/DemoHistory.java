package fr.parcours.demo;

import static org.camunda.spin.Spin.JSON;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import fr.parcours.identity.Departements;
import fr.parcours.models.ModelContract.Messages;
import fr.parcours.models.ModelContract.Processes;
import fr.parcours.models.ModelContract.Tasks;
import fr.parcours.validation.JsonLists;

/**
 * Demo only ({@code parcours.demo.history-cases} &gt; 0): a plausible history of a few hundred
 * fictitious cases over the last {@code parcours.demo.history-months} months, so the indicators
 * dashboard is alive on first start. Every case is driven through the real processes by the
 * {@link PathwayDriver} (the input rules, listeners and timers apply), the engine clock
 * ({@link ClockUtil}) set to each event of its story: referrals redirected or refused, admissions
 * and rejections, adjourned committees, follow-ups with re-assessments, synthesis meetings,
 * disputes and withdrawals, shared reviews completed with or without positive evolution,
 * extensions, and cases still open today. Attendance varies per case. The story of each case is
 * drawn from a fixed seed.
 *
 * <p>The clock is the whole engine's: the history is therefore written during start-up, before
 * the web server accepts requests and before the job executor starts ({@link DemoData}), so no
 * user's action and no timer of the application is ever dated in the past; the clock is reset
 * when it is done. First start only (skipped when a history case, person reference
 * {@code HIST-…}, exists), in the territories that have demo users; the démarche starts later in
 * some territories, so coverage grows over time.
 */
@Component
@ConditionalOnExpression("${parcours.demo.history-cases:0} > 0")
public class DemoHistory {

  private static final Logger LOG = LoggerFactory.getLogger(DemoHistory.class);
  static final String PREFIX = "HIST-";
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  private final ProcessEngine engine;
  private final PathwayDriver driver;
  private final Departements departements;
  private final int cases;
  private final int months;

  public DemoHistory(ProcessEngine engine, Departements departements,
      @Value("${parcours.demo.history-cases}") int cases, @Value("${parcours.demo.history-months:18}") int months) {
    this.engine = engine;
    this.driver = new PathwayDriver(engine);
    this.departements = departements;
    this.cases = cases;
    this.months = months;
  }

  boolean alreadySeeded() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(Processes.PATHWAY)
        .variableValueLike("personRef", PREFIX + "%").count() > 0;
  }

  int cases() {
    return cases;
  }

  /** Drives the cases one after the other, the clock at each of their events; the clock is reset at the end. */
  public void seed() {
    ClockUtil.reset();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant beginning = now.minus(months * 30L, ChronoUnit.DAYS);
    List<DemoTerritory> territories = territories(beginning, now);
    if (territories.isEmpty()) {
      LOG.warn("Demo history: no territory with demo users, nothing generated");
      return;
    }
    Random random = new Random(2019);
    List<Story> stories = new ArrayList<>();
    for (int i = 0; i < cases; i++) {
      DemoTerritory territory = pick(random, territories);
      long span = Duration.between(territory.since, now.minus(3, ChronoUnit.DAYS)).toMinutes();
      Instant referral = territory.since.plus((long) (random.nextDouble() * span), ChronoUnit.MINUTES);
      stories.add(new Story(i + 1, territory.code, referral, new Random(random.nextLong())));
    }
    stories.sort((a, b) -> a.referral.compareTo(b.referral));
    LOG.info("Demo history: driving {} cases through the processes over the last {} months, before the web server"
        + " starts (first start only)", cases, months);
    long started = System.currentTimeMillis();
    int done = 0;
    try {
      for (Story story : stories) {
        try {
          drive(story, now);
        } catch (RuntimeException e) {
          LOG.warn("Demo history: case #{} ({}) stopped early: {}", story.number, story.territory,
              e.getClass().getSimpleName());
        }
        if (++done % 25 == 0) {
          LOG.info("Demo history: {} / {} cases ({} s)", done, stories.size(),
              (System.currentTimeMillis() - started) / 1000);
        }
      }
    } finally {
      ClockUtil.reset();
    }
    LOG.info("Demo history: {} cases in {} s", done, (System.currentTimeMillis() - started) / 1000);
  }

  /** Territories with demo users; the démarche starts at the beginning in the first of each département, later in the others. */
  private List<DemoTerritory> territories(Instant beginning, Instant now) {
    List<DemoTerritory> territories = new ArrayList<>();
    departements.tenants().forEach((tenant, departement) -> {
      int rank = 0;
      for (String code : departement.territories().keySet()) {
        if (engine.getIdentityService().createUserQuery().userIdIn("ts." + code, "ts2." + code, "ctas." + code, "caf." + code,
            "ft." + code).count() < 5) {
          continue;
        }
        long delayDays = rank == 0 ? 0 : Math.min(months * 30L / 2, 120L * rank);
        territories.add(new DemoTerritory(code, beginning.plus(delayDays, ChronoUnit.DAYS), rank == 0 ? 3 : 2));
        rank++;
      }
    });
    return territories;
  }

  private static DemoTerritory pick(Random random, List<DemoTerritory> territories) {
    int total = territories.stream().mapToInt(DemoTerritory::weight).sum();
    int draw = random.nextInt(total);
    for (DemoTerritory territory : territories) {
      draw -= territory.weight;
      if (draw < 0) {
        return territory;
      }
    }
    return territories.get(0);
  }

  // --- one case, event by event

  /**
   * Starts the case at its referral date, then repeatedly does whatever comes first: an open task
   * completed after the delay its story gives it, a timer falling due (run as the job executor
   * would), or a message of its story (synthesis, dispute, withdrawal); stops when the case ends or
   * when the next event is after now (the case stays open, as real cases do).
   */
  private void drive(Story story, Instant now) {
    ClockUtil.setCurrentTime(Date.from(story.referral));
    ProcessInstance pathway = driver.refer(story.referralVariables());
    String businessKey = driver.businessKey(pathway);
    TaskService taskService = engine.getTaskService();
    Map<String, Instant> planned = new HashMap<>();
    for (int step = 0; step < 400; step++) {
      if (!driver.isRunning(pathway)) {
        return;
      }
      Instant clock = ClockUtil.getCurrentTime().toInstant();
      Task nextTask = null;
      Instant nextTaskAt = null;
      for (Task task : driver.openTasks(businessKey)) {
        Instant at = planned.computeIfAbsent(task.getId(), id -> story.completion(task, clock));
        if (at != null && (nextTaskAt == null || at.isBefore(nextTaskAt))) {
          nextTask = task;
          nextTaskAt = at;
        }
      }
      Job nextJob = null;
      for (Job job : driver.jobs(businessKey)) {
        if (nextJob == null || due(job).isBefore(due(nextJob))) {
          nextJob = job;
        }
      }
      Story.Message nextMessage = story.nextMessage();
      Instant jobAt = nextJob == null ? null : max(due(nextJob), clock);
      Instant at = min(min(nextTaskAt, jobAt), nextMessage == null ? null : nextMessage.at());
      if (at == null || at.isAfter(now)) {
        return;
      }
      ClockUtil.setCurrentTime(Date.from(max(at, clock)));
      try {
        if (nextMessage != null && at.equals(nextMessage.at())) {
          story.messageSent();
          if (driver.awaits(businessKey, nextMessage.name())) {
            driver.correlate(businessKey, nextMessage.name(), nextMessage.payload());
          } // else: the case is no longer where the message is awaited; the story goes on without it
        } else if (jobAt != null && at.equals(jobAt)) {
          driver.execute(nextJob);
        } else {
          driver.complete(nextTask, story.variables(nextTask, taskService));
          planned.remove(nextTask.getId());
        }
      } catch (ProcessEngineException refused) {
        // a message no longer awaited or a step its story got wrong: look at the case again
      }
    }
  }

  private static Instant due(Job job) {
    return job.getDuedate() == null ? Instant.EPOCH : job.getDuedate().toInstant();
  }

  private static Instant min(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  record DemoTerritory(String code, Instant since, int weight) {}

  /** The story of one case: what each step records and after how long, drawn from its own seed. */
  static final class Story {

    static final String[][] STAFF_ORGANISATIONS = {{"Conseillère CAF", "CAF"},
        {"Conseiller France Travail", "France Travail"}};
    static final String[][] OTHER_INTERVENERS = {{"Assistante sociale CCAS", "CCAS", "Aide sociale"},
        {"Conseillère Mission locale", "Mission locale", "Insertion des jeunes"},
        {"Éducatrice ASE", "ASE", "Protection de l'enfance"},
        {"Chargée de gestion locative", "Bailleur social", "Logement"},
        {"Infirmier du CMP", "Centre hospitalier", "Santé mentale"},
        {"Accompagnatrice SIAE", "Association d'insertion", "Insertion professionnelle"},
        {"Bénévole", "Secours populaire", "Aide alimentaire"},
        {"Conseillère en économie sociale et familiale", "UDAF", "Budget"}};
    static final String[][] MEMBERS = {{"Responsable de territoire", "Département"},
        {"Conseillère CAF", "CAF"}, {"Conseiller France Travail", "France Travail"},
        {"Assistante sociale CCAS", "CCAS"}, {"Éducatrice ASE", "ASE"}, {"Chargée de gestion locative", "Bailleur social"},
        {"Conseillère Mission locale", "Mission locale"}, {"Médecin de PMI", "PMI"}};
    static final String[] OUTCOMES = {"right-accessed", "service-accessed", "activity-participation", "employment",
        "training", "housing-solution", "child-educational-solution"};
    static final String[] INITIALS = {"A. B.", "C. D.", "E. F.", "G. H.", "J. K.", "L. M.", "N. P.", "R. S.", "T. V."};

    final int number;
    final String territory;
    final Instant referral;
    final Random random;
    final double attendance;
    final double personAttendance;
    final boolean eligible;
    final boolean consents;
    final boolean rejected;
    final boolean positive;
    final String coordinator;
    final List<Message> messages = new ArrayList<>();
    int reviews;

    Story(int number, String territory, Instant referral, Random random) {
      this.number = number;
      this.territory = territory;
      this.referral = referral;
      this.random = random;
      this.attendance = 0.6 + 0.35 * random.nextDouble();
      this.personAttendance = 0.6 + 0.35 * random.nextDouble();
      this.eligible = random.nextDouble() > 0.08;
      this.consents = random.nextDouble() > 0.07;
      this.rejected = random.nextDouble() < 0.12;
      this.positive = random.nextDouble() < 0.86;
      this.coordinator = random.nextBoolean() ? "ts2." + territory : "caf." + territory;
    }

    String personRef() {
      return PREFIX + territory.toUpperCase() + "-" + String.format("%04d", number);
    }

    VariableMap referralVariables() {
      SpinJsonNode interveners = JSON("[]");
      if (eligible) {
        if (random.nextDouble() < 0.85) {
          interveners.append(intervener(STAFF_ORGANISATIONS[0][0], STAFF_ORGANISATIONS[0][1], "Accès aux droits",
              "caf." + territory));
        }
        if (random.nextDouble() < 0.6) {
          interveners.append(intervener(STAFF_ORGANISATIONS[1][0], STAFF_ORGANISATIONS[1][1], "Emploi",
              "ft." + territory));
        }
        int others = 1 + random.nextInt(2);
        for (int i = 0; i < others || interveners.elements().size() < 2; i++) {
          String[] other = OTHER_INTERVENERS[random.nextInt(OTHER_INTERVENERS.length)];
          interveners.append(intervener(other[0], other[1], other[2], null));
        }
      } else {
        // a single intervener: the eligibility table redirects the referral
        String[] other = OTHER_INTERVENERS[random.nextInt(OTHER_INTERVENERS.length)];
        interveners.append(intervener(other[0], other[1], other[2], null));
      }
      List<String> domains = new ArrayList<>(List.of("housing", "employment", "education"));
      if (random.nextBoolean()) {
        domains.add(random.nextBoolean() ? "budget" : "health");
      }
      return Variables.createVariables()
          .putValue("personRef", personRef())
          .putValue("personLabel", INITIALS[random.nextInt(INITIALS.length)] + " " + (1960 + random.nextInt(45)))
          .putValue("territory", territory)
          .putValue("referrerId", (random.nextBoolean() ? "ts." : "ts2.") + territory)
          .putValueTyped("interveners", json(interveners))
          .putValueTyped("difficultyDomains", json(JSON(domains)))
          .putValue("durableSupport", true)
          .putValue("urgent", false);
    }

    /** When the task will be completed, or null when its story leaves it to a timer. */
    Instant completion(Task task, Instant clock) {
      Instant created = task.getCreateTime() == null ? clock : task.getCreateTime().toInstant();
      String key = task.getTaskDefinitionKey();
      return switch (key) {
        case Tasks.REDIRECT_REFERRAL -> days(created, 1, 5);
        case Tasks.RECORD_CONSENT -> days(created, 2, 12);
        case Tasks.GLOBAL_DIAGNOSTIC -> days(created, 7, 25);
        case Tasks.SCHEDULE_COMMITTEE -> days(created, 1, 6);
        case Tasks.HOLD_COMMITTEE -> created.plus(1 + random.nextInt(3), ChronoUnit.HOURS);
        case Tasks.SIGN_AGREEMENT -> days(created, 1, 8);
        // a quarter of référents ask for the shared review early; the others let the plan end
        case Tasks.COORDINATE_PATHWAY -> random.nextDouble() < 0.25 ? days(created, 80, 150) : null;
        case Tasks.REASSESS_SITUATION, Tasks.RECORD_EXIT -> days(created, 2, 12);
        case Tasks.HOLD_SYNTHESIS_MEETING -> days(created, 5, 15);
        case Tasks.SETTLE_DISPUTE -> days(created, 3, 10);
        case Tasks.ARBITRATE_DISPUTE -> days(created, 5, 20);
        case Tasks.CONTRIBUTE_TO_REVIEW -> days(created, 2, 10);
        case Tasks.PREPARE_SHARED_REVIEW -> days(created, 3, 12);
        default -> days(created, 1, 7);
      };
    }

    /** What the form of the task submits, as the person's story goes. */
    Map<String, Object> variables(Task task, TaskService taskService) {
      String key = task.getTaskDefinitionKey();
      Map<String, Object> v = new LinkedHashMap<>();
      switch (key) {
        case Tasks.REDIRECT_REFERRAL -> v.put("redirectionNotes", "Orientation vers l'accompagnement social de droit commun.");
        case Tasks.RECORD_CONSENT -> {
          v.put("consentGiven", consents);
          v.put("sharingConsent", consents);
          if (consents) {
            v.put("preferredCoordinatorId", coordinator);
          }
        }
        case Tasks.GLOBAL_DIAGNOSTIC -> {
          v.put("diagnosisSummary", "Difficultés cumulées de logement, d'insertion et de scolarité des enfants.");
          v.put("strengths", "Personne mobilisée, entourage présent.");
          v.put("actionPlan", actionPlan("planned"));
          int duration = new int[] {3, 6, 6, 6, 9}[random.nextInt(5)];
          v.put("plannedDuration", "P" + duration + "M");
          v.put("reviewCycle", duration >= 6 && random.nextBoolean() ? "P3M" : "P2M");
        }
        case Tasks.SCHEDULE_COMMITTEE -> {
          Instant date = ClockUtil.getCurrentTime().toInstant().plus(7 + random.nextInt(15), ChronoUnit.DAYS);
          v.put("committeeDate", date.toString());
          SpinJsonNode members = JSON("[]");
          List<Integer> chosen = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
          java.util.Collections.shuffle(chosen, random);
          for (int i = 0; i < 3 + random.nextInt(3); i++) {
            String[] member = MEMBERS[chosen.get(i)];
            SpinJsonNode node = JSON("{}");
            node.prop("name", member[0]);
            node.prop("organisation", member[1]);
            members.append(node);
          }
          v.put("invitedMembers", json(members));
        }
        case Tasks.HOLD_COMMITTEE -> holdCommittee(task, taskService, v);
        case Tasks.SIGN_AGREEMENT -> {
          v.put("agreementSigned", true);
          v.put("agreementDate", LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(),
              ZONE).toString());
        }
        case Tasks.COORDINATE_PATHWAY -> v.put("coordinationNotes", "Objectifs atteints : bilan anticipé.");
        case Tasks.REASSESS_SITUATION -> {
          v.put("reassessmentNotes", "Point d'étape avec la personne.");
          v.put("actionPlan", actionPlan("in-progress"));
        }
        case Tasks.HOLD_SYNTHESIS_MEETING -> {
          v.put("synthesisNotes", "Réunion de synthèse : répartition des actions.");
          SpinJsonNode present = JSON("[]");
          for (String[] member : new String[][] {MEMBERS[1], MEMBERS[3]}) {
            SpinJsonNode node = JSON("{}");
            node.prop("name", member[0]);
            node.prop("organisation", member[1]);
            node.prop("present", random.nextDouble() < attendance);
            present.append(node);
          }
          v.put("synthesisAttendance", json(present));
          v.put("actionPlan", actionPlan("in-progress"));
        }
        case Tasks.SETTLE_DISPUTE -> {
          boolean resolved = random.nextDouble() < 0.7;
          v.put("disputeResolved", resolved);
          v.put("disputeNotes", resolved ? "Accord trouvé entre les intervenants." : "Désaccord persistant.");
        }
        case Tasks.ARBITRATE_DISPUTE -> v.put("arbitrationNotes", "Le CTAS maintient le plan d'action.");
        case Tasks.RECORD_EXIT -> v.put("exitNotes", "Sortie du dispositif enregistrée avec la personne.");
        case Tasks.CONTRIBUTE_TO_REVIEW -> v.put("contribution", "Évolution constatée dans mon champ d'intervention.");
        case Tasks.PREPARE_SHARED_REVIEW -> {
          SpinJsonNode outcomes = JSON("[]");
          if (positive) {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
              String outcome = OUTCOMES[random.nextInt(OUTCOMES.length)];
              if (!outcomes.toString().contains("\"" + outcome + "\"")) {
                outcomes.append(JSON("\"" + outcome + "\""));
              }
            }
          } else {
            outcomes.append(JSON("\"none\""));
          }
          boolean extend = reviews++ == 0 && random.nextDouble() < 0.15;
          v.put("outcomes", json(outcomes));
          v.put("personAssessment", positive ? "La personne se dit mieux accompagnée." : "Situation encore fragile.");
          v.put("proposal", extend ? "extend" : "close");
          if (extend) {
            v.put("extensionDuration", "P3M");
          }
        }
        default -> { }
      }
      if (Tasks.SIGN_AGREEMENT.equals(key)) {
        planMessages();
      }
      return v;
    }

    private void holdCommittee(Task task, TaskService taskService, Map<String, Object> v) {
      boolean review = "review".equals(taskService.getVariable(task.getId(), "purpose"));
      Object invited = taskService.getVariable(task.getId(), "invitedMembers");
      SpinJsonNode attendanceList = JSON("[]");
      for (SpinJsonNode member : JsonLists.elements(invited)) {
        SpinJsonNode node = JSON("{}");
        node.prop("name", member.prop("name").stringValue());
        node.prop("organisation", member.prop("organisation").stringValue());
        node.prop("present", random.nextDouble() < attendance);
        attendanceList.append(node);
      }
      v.put("attendance", json(attendanceList));
      v.put("personPresent", random.nextDouble() < personAttendance);
      String decision;
      if (random.nextDouble() < 0.05) {
        decision = "adjourn";
      } else if (review) {
        decision = "extend".equals(taskService.getVariable(task.getId(), "proposal")) ? "extend" : "close";
      } else {
        decision = rejected ? "reject" : "admit";
      }
      v.put("committeeDecision", decision);
      v.put("decisionNotes", "Relevé de décision de l'instance.");
      if ("admit".equals(decision) || "extend".equals(decision)) {
        Object current = taskService.getVariable(task.getId(), "coordinatorId");
        v.put("coordinatorId", current instanceof String s && !s.isBlank() ? s : coordinator);
        if (!coordinator.equals(v.get("coordinatorId"))) {
          v.put("coordinatorChoiceReason", "Continuité de l'accompagnement.");
        }
      }
      if ("extend".equals(decision)) {
        v.put("plannedDuration", "P3M");
      }
    }

    /** Messages of the follow-up, from the agreement on. */
    private void planMessages() {
      Instant from = ClockUtil.getCurrentTime().toInstant();
      if (random.nextDouble() < 0.15) {
        messages.add(new Message(days(from, 20, 70), Messages.SYNTHESIS_REQUESTED,
            Map.of("requestedBy", random.nextBoolean() ? "intervener" : "person",
                "reason", "Point collectif sur la situation.")));
      }
      if (random.nextDouble() < 0.08) {
        messages.add(new Message(days(from, 30, 90), Messages.DISPUTE_RAISED, Map.of("reason", "Désaccord sur le plan d'action.")));
      }
      if (random.nextDouble() < 0.07) {
        messages.add(new Message(days(from, 15, 120), Messages.PATHWAY_WITHDRAWN,
            Map.of("exitReason", random.nextBoolean() ? "move" : "withdrawal", "reason", "Signalé par le référent.")));
      }
      messages.sort((a, b) -> a.at().compareTo(b.at()));
    }

    Message nextMessage() {
      return messages.isEmpty() ? null : messages.get(0);
    }

    void messageSent() {
      messages.remove(0);
    }

    private Instant days(Instant from, int min, int max) {
      return from.plus(min * 24L * 60 + random.nextInt((max - min + 1) * 24 * 60), ChronoUnit.MINUTES);
    }

    private SpinJsonNode intervener(String name, String organisation, String role, String userId) {
      SpinJsonNode node = JSON("{}");
      node.prop("name", name);
      node.prop("organisation", organisation);
      node.prop("role", role);
      if (userId != null) {
        node.prop("userId", userId);
      }
      return node;
    }

    private static org.camunda.spin.plugin.variable.value.JsonValue actionPlan(String status) {
      return json(JSON("[{\"id\":\"o1\",\"label\":\"Accéder à un logement adapté\",\"domain\":\"housing\","
          + "\"ownerName\":\"Bailleur social\",\"status\":\"" + status + "\"},{\"id\":\"o2\",\"label\":\"Reprendre"
          + " une formation\",\"domain\":\"employment\",\"ownerName\":\"France Travail\",\"status\":\"planned\"}]"));
    }

    private static org.camunda.spin.plugin.variable.value.JsonValue json(SpinJsonNode node) {
      return SpinValues.jsonValue(node).create();
    }

    record Message(Instant at, String name, Map<String, Object> payload) {}
  }
}
