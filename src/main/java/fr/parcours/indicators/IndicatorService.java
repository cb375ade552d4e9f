package fr.parcours.indicators;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import fr.parcours.identity.Departements;
import fr.parcours.identity.Departements.Departement;
import fr.parcours.identity.Departements.Territory;
import fr.parcours.identity.Groups;
import fr.parcours.indicators.IndicatorReport.Indicator;
import fr.parcours.indicators.IndicatorReport.Operations;
import fr.parcours.indicators.IndicatorReport.Step;
import fr.parcours.models.ModelContract.Processes;
import fr.parcours.models.ModelContract.Tasks;

/**
 * Computes the indicators with aggregate SQL on Camunda's history tables, portable between H2 and
 * PostgreSQL: counts, sums and DISTINCT are done by the database, so memory does not grow with the
 * number of cases (only with the number of distinct organisations and interveners).
 *
 * <p>The indicators read the figures recorded at the source ({@link IndicatorFigures}): rows of
 * ACT_HI_VARINST named {@code <figure>@<territory>}, selected through the index on NAME_ (the
 * territories of the département, or the one asked for), filtered on their own TENANT_ID_,
 * PROC_DEF_KEY_ and CREATE_TIME_ (the time the figure was recorded: referral, admission, committee,
 * completion). "Open during the period" joins the process instance by its primary key for its end
 * time, only when the period has a start. The operational figures read ACT_HI_PROCINST and
 * ACT_HI_TASKINST (indexes on START_TIME_, END_TIME_), joined to the case's {@code territory}
 * variable for a territory. Definitions: README.md, "Indicators".
 */
@Service
public class IndicatorService {


  /** User tasks in the order of the models, for the figure "cases per step". */
  static final List<String> STEPS = List.of(Tasks.REDIRECT_REFERRAL, Tasks.RECORD_CONSENT, Tasks.GLOBAL_DIAGNOSTIC,
      Tasks.SUPPORT_DIAGNOSTIC, Tasks.SCHEDULE_COMMITTEE, Tasks.HOLD_COMMITTEE, Tasks.SIGN_AGREEMENT, Tasks.COORDINATE_PATHWAY,
      Tasks.REASSESS_SITUATION, Tasks.HOLD_SYNTHESIS_MEETING, Tasks.SETTLE_DISPUTE, Tasks.ARBITRATE_DISPUTE, Tasks.REASSIGN_COORDINATOR,
      Tasks.CONTRIBUTE_TO_REVIEW, Tasks.PREPARE_SHARED_REVIEW, Tasks.RECORD_EXIT);

  private static final Timestamp BEGINNING = Timestamp.valueOf("1900-01-01 00:00:00");

  private final JdbcTemplate jdbc;
  private final Departements departements;
  private final ProcessEngine engine;

  public IndicatorService(JdbcTemplate jdbc, Departements departements, @Lazy ProcessEngine engine) {
    this.jdbc = jdbc;
    this.departements = departements;
    this.engine = engine;
  }

  /** The indicators' codes, in the order of the report. */
  public static final List<String> CODES = List.of("coverage", "personsAccompanied", "partners", "trainedInterveners",
      "partnerAttendance", "personAttendance", "positiveEvolution");

  public IndicatorReport compute(IndicatorRequest request) {
    Departement departement = departements.tenants().get(request.tenant());
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant end = request.end(now);
    Scope scope = scope(request, departement, now);

    List<Indicator> indicators = new ArrayList<>();
    indicators.add(coverage(scope, departement));
    indicators.add(personsAccompanied(scope));
    indicators.add(partners(scope));
    indicators.add(trainedInterveners(scope, departement));
    long[] committees = committees(scope);
    indicators.add(partnerAttendance(committees));
    indicators.add(personAttendance(committees));
    indicators.add(positiveEvolution(scope));

    Territory territory = request.territory() == null ? null : departement.territories().get(request.territory());
    return new IndicatorReport(request.tenant(), departement.name(), request.territory(),
        territory == null ? null : territory.name(), request.from() == null ? null : request.from().toString(),
        request.to() == null ? null : request.to().toString(), DateTimeFormatter.ISO_INSTANT.format(end),
        DateTimeFormatter.ISO_INSTANT.format(now), indicators, operations(scope));
  }

  /** The report of each territory of the département over the request's period, in the configuration's order. */
  public IndicatorsByTerritory byTerritory(IndicatorRequest request) {
    Departement departement = departements.tenants().get(request.tenant());
    List<IndicatorReport> reports = departement.territories().keySet().stream()
        .map(code -> compute(new IndicatorRequest(request.tenant(), code, request.from(), request.to())))
        .toList();
    return new IndicatorsByTerritory(request.tenant(), departement.name(),
        request.from() == null ? null : request.from().toString(), request.to() == null ? null : request.to().toString(),
        reports);
  }

  /**
   * One indicator month by month over the last {@code months} calendar months, the current one
   * (up to now) last: each month is a period of the report, computed for that indicator only. For a
   * whole département, one series over all its territories (the same figures as the report for the
   * département, month by month).
   */
  public IndicatorTrend trend(String tenant, String territoryCode, String code, int months) {
    Departement departement = departements.tenants().get(tenant);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    YearMonth current = YearMonth.from(now.atZone(IndicatorRequest.ZONE));
    List<IndicatorTrend.Month> points = new ArrayList<>();
    Indicator last = null;
    for (int back = months - 1; back >= 0; back--) {
      YearMonth month = current.minusMonths(back);
      IndicatorRequest period = new IndicatorRequest(tenant, territoryCode, month.atDay(1), month.atEndOfMonth());
      last = indicator(code, scope(period, departement, now), departement);
      points.add(new IndicatorTrend.Month(month.toString(), month.atDay(1).toString(),
          month.atEndOfMonth().toString(), last.numerator(), last.denominator(), last.value()));
    }
    Territory territory = territoryCode == null ? null : departement.territories().get(territoryCode);
    return new IndicatorTrend(tenant, departement.name(), territoryCode, territory == null ? null : territory.name(),
        code, last.label(), last.unit(), last.target(), points);
  }

  private Indicator indicator(String code, Scope scope, Departement departement) {
    return switch (code) {
      case "coverage" -> coverage(scope, departement);
      case "personsAccompanied" -> personsAccompanied(scope);
      case "partners" -> partners(scope);
      case "trainedInterveners" -> trainedInterveners(scope, departement);
      case "partnerAttendance" -> partnerAttendance(committees(scope));
      case "personAttendance" -> personAttendance(committees(scope));
      case "positiveEvolution" -> positiveEvolution(scope);
      default -> throw new IllegalArgumentException("Unknown indicator " + code);
    };
  }

  private Scope scope(IndicatorRequest request, Departement departement, Instant now) {
    Instant end = request.end(now);
    Instant snapshot = end.isAfter(now) ? now : end;
    List<String> territories = request.territory() != null ? List.of(request.territory())
        : List.copyOf(departement.territories().keySet());
    return new Scope(request.tenant(), request.territory(), territories,
        request.start() == null ? null : Timestamp.from(request.start()), Timestamp.from(end),
        Timestamp.from(snapshot));
  }

  // --- indicators

  /**
   * Coverage: the population of the territories where the démarche runs (at least one pathway
   * referred there before the end of the period, whenever) / the population of the département (of
   * the territory when one is asked for). One short index lookup per territory.
   */
  private Indicator coverage(Scope scope, Departement departement) {
    long covered = 0;
    List<String> names = new ArrayList<>();
    for (String code : scope.territories) {
      Sql sql = new Sql("SELECT v.ID_ FROM ").table("ACT_HI_VARINST").append(" v WHERE v.NAME_ = ?"
          + " AND v.PROC_DEF_KEY_ = ? AND v.TENANT_ID_ = ? AND v.CREATE_TIME_ < ? FETCH FIRST 1 ROWS ONLY",
          IndicatorFigures.name(IndicatorFigures.INTERVENER_ORGANISATIONS, code), Processes.PATHWAY, scope.tenant, scope.end);
      if (!jdbc.queryForList(sql.text(), String.class, sql.params()).isEmpty()) {
        Territory territory = departement.territories().get(code);
        covered += territory.population();
        names.add(territory.name());
      }
    }
    long population = scope.territory == null ? departement.population()
        : departement.territories().get(scope.territory).population();
    return rate("coverage", "Taux de couverture de la population", covered, population, 100.0,
        "Population des territoires où la démarche est en place (au moins une saisine avant la fin de la période)"
            + " / population du département (du territoire choisi).",
        names);
  }

  /**
   * Persons accompanied: distinct {@code personRef} of the pathways admitted by the committee
   * before the end of the period and not ended before its start.
   */
  private Indicator personsAccompanied(Scope scope) {
    Sql sql = new Sql("SELECT COUNT(DISTINCT v.TEXT_) FROM ").table("ACT_HI_VARINST").append(" v");
    scope.openPathwayFigure(sql, "v", IndicatorFigures.ADMITTED_PERSON);
    long persons = jdbc.queryForObject(sql.text(), Long.class, sql.params());
    return count("personsAccompanied", "Personnes accompagnées par un référent de parcours", persons, "personnes",
        "Personnes distinctes (personRef) admises par l'instance technique et accompagnées pendant la période"
            + " (admises avant sa fin, parcours non terminé avant son début).",
        List.of());
  }

  /**
   * Partners: distinct organisations (case-insensitive) among the interveners of the pathways open
   * during the period and the members of the committees held in the period.
   */
  private Indicator partners(Scope scope) {
    Map<String, String> organisations = new TreeMap<>();
    for (String recorded : openPathwayFigures(scope, IndicatorFigures.INTERVENER_ORGANISATIONS)) {
      IndicatorFigures.split(recorded).forEach(o -> organisations.putIfAbsent(o.toLowerCase(Locale.ROOT), o));
    }
    Sql sql = new Sql("SELECT DISTINCT v.TEXT_ FROM ").table("ACT_HI_VARINST").append(" v");
    scope.committeeFigures(sql, "v", IndicatorFigures.COMMITTEE_ORGANISATIONS);
    for (String recorded : jdbc.queryForList(sql.text(), String.class, sql.params())) {
      IndicatorFigures.split(recorded).forEach(o -> organisations.putIfAbsent(o.toLowerCase(Locale.ROOT), o));
    }
    List<String> names = new ArrayList<>(organisations.values());
    names.sort(Comparator.comparing(n -> n.toLowerCase(Locale.ROOT)));
    return count("partners", "Partenaires associés à la démarche", names.size(), "organismes",
        "Organismes distincts parmi les intervenants des parcours ouverts pendant la période et les membres des"
            + " instances techniques tenues dans la période.",
        names);
  }

  /**
   * Trained interveners (proxy, training is not recorded): among the distinct interveners of the
   * pathways open during the period, those who have an account ({@code userId}) that belongs to a
   * territory group of the département ({@code ts-}, {@code ctas-}, {@code partners-}): they were
   * enrolled in the démarche, which the département does after the training.
   */
  private Indicator trainedInterveners(Scope scope, Departement departement) {
    Set<String> interveners = new HashSet<>();
    for (String recorded : openPathwayFigures(scope, IndicatorFigures.INTERVENER_IDENTITIES)) {
      interveners.addAll(IndicatorFigures.split(recorded));
    }
    Set<String> enrolled = territoryGroupMembers(departement);
    long trained = interveners.stream()
        .filter(key -> key.startsWith("u:") && enrolled.contains(key.substring(2)))
        .count();
    return rate("trainedInterveners", "Part des intervenants formés à la démarche", trained, interveners.size(), null,
        "Intervenants distincts des parcours ouverts pendant la période ayant un compte membre d'un groupe de"
            + " territoire du département (ts-, ctas-, partners-) / intervenants distincts. Indicateur"
            + " approché : la formation n'est pas enregistrée, l'inscription dans un groupe la suit.",
        List.of());
  }

  /**
   * Committees held in the period (each completion of {@code holdCommittee}, adjourned sittings
   * included): {held, members invited, members present, sittings with the person present}: the
   * three figures recorded at each sitting, counted and summed per name (a few rows).
   */
  private long[] committees(Scope scope) {
    Sql sql = new Sql("SELECT v.NAME_, COUNT(*), COALESCE(SUM(v.LONG_), 0) FROM ").table("ACT_HI_VARINST").append(" v");
    scope.committeeFigures(sql, "v", IndicatorFigures.MEMBERS_INVITED, IndicatorFigures.MEMBERS_PRESENT,
        IndicatorFigures.PERSON_PRESENT);
    sql.append(" GROUP BY v.NAME_");
    long[] figures = new long[4];
    jdbc.query(sql.text(), rs -> {
      String figure = rs.getString(1).substring(0, rs.getString(1).indexOf(IndicatorFigures.AT));
      switch (figure) {
        case IndicatorFigures.MEMBERS_INVITED -> {
          figures[0] += rs.getLong(2);
          figures[1] += rs.getLong(3);
        }
        case IndicatorFigures.MEMBERS_PRESENT -> figures[2] += rs.getLong(3);
        case IndicatorFigures.PERSON_PRESENT -> figures[3] += rs.getLong(3);
        default -> { }
      }
    }, sql.params());
    return figures;
  }

  private static Indicator partnerAttendance(long[] committees) {
    return rate("partnerAttendance", "Taux de présence des partenaires aux instances", committees[2],
        committees[1], 80.0, "Membres présents / membres invités, sur les instances techniques tenues dans la période"
            + " (liste de présence de chaque séance, ajournées comprises).", List.of());
  }

  private static Indicator personAttendance(long[] committees) {
    return rate("personAttendance", "Taux de présence des personnes accompagnées aux instances",
        committees[3], committees[0], 80.0,
        "Instances où la personne (ou la famille) était présente / instances techniques tenues dans la période.",
        List.of());
  }

  /**
   * Positive evolution: pathways completed in the period (end event {@code pathwayCompleted}) with
   * {@code positiveEvolution} / pathways completed in the period.
   */
  private Indicator positiveEvolution(Scope scope) {
    Sql sql = new Sql("SELECT COUNT(*), COALESCE(SUM(CASE WHEN v.LONG_ = 1 THEN 1 ELSE 0 END), 0) FROM ")
        .table("ACT_HI_VARINST").append(" v");
    scope.recordedIn(sql, "v", Processes.PATHWAY, IndicatorFigures.COMPLETED_POSITIVE);
    long[] completed = jdbc.queryForObject(sql.text(), (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)},
        sql.params());
    return rate("positiveEvolution", "Situations ayant évolué positivement", completed[1], completed[0], 90.0,
        "Parcours terminés dans la période (fin « Parcours terminé ») dont le bilan partagé relève au moins une"
            + " évolution positive (positiveEvolution) / parcours terminés dans la période.",
        List.of());
  }

  // --- operational figures

  private Operations operations(Scope scope) {
    Sql open = new Sql("SELECT COUNT(*) FROM ").table("ACT_HI_PROCINST").append(" p");
    scope.pathways(open, "p");
    open.append(" AND p.START_TIME_ < ? AND (p.END_TIME_ IS NULL OR p.END_TIME_ >= ?)", scope.snapshot,
        scope.snapshot);
    long openCases = jdbc.queryForObject(open.text(), Long.class, open.params());

    Sql referrals = new Sql("SELECT COUNT(*) FROM ").table("ACT_HI_PROCINST").append(" p");
    scope.pathways(referrals, "p");
    referrals.append(" AND p.START_TIME_ >= ? AND p.START_TIME_ < ?", scope.startOrBeginning(), scope.end);
    long referred = jdbc.queryForObject(referrals.text(), Long.class, referrals.params());

    // Admissions in the period and the median time from referral to admission: the database sorts,
    // only the one or two middle rows come back.
    Sql admissions = new Sql(" FROM ").table("ACT_HI_VARINST").append(" v JOIN ").table("ACT_HI_PROCINST")
        .append(" p ON p.ID_ = v.PROC_INST_ID_");
    scope.recordedIn(admissions, "v", Processes.PATHWAY, IndicatorFigures.ADMITTED_PERSON);
    long admitted = jdbc.queryForObject("SELECT COUNT(*)" + admissions.text(), Long.class, admissions.params());
    Double median = null;
    if (admitted > 0) {
      List<Object> params = new ArrayList<>(List.of(admissions.params()));
      params.add((admitted - 1) / 2);
      params.add(admitted % 2 == 0 ? 2 : 1);
      List<Long> middle = jdbc.query("SELECT p.START_TIME_, v.CREATE_TIME_" + admissions.text()
          + " ORDER BY v.CREATE_TIME_ - p.START_TIME_, v.ID_ OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
          (rs, i) -> rs.getTimestamp(2).getTime() - rs.getTimestamp(1).getTime(), params.toArray());
      double days = middle.stream().mapToLong(Long::longValue).average().orElse(0) / 86_400_000d;
      median = Math.round(days * 10) / 10.0;
    }

    Sql overdue = new Sql("SELECT COUNT(*) FROM ").table("ACT_HI_TASKINST").append(" t");
    scope.openTasks(overdue, "t");
    overdue.append(" AND t.DUE_DATE_ < ?", scope.snapshot);
    long overdueTasks = jdbc.queryForObject(overdue.text(), Long.class, overdue.params());

    Sql steps = new Sql("SELECT t.TASK_DEF_KEY_, MIN(t.NAME_), COUNT(DISTINCT t.PROC_INST_ID_) FROM ")
        .table("ACT_HI_TASKINST").append(" t");
    scope.openTasks(steps, "t");
    steps.append(" GROUP BY t.TASK_DEF_KEY_");
    List<Step> perStep = new ArrayList<>(jdbc.query(steps.text(),
        (rs, i) -> new Step(rs.getString(1), rs.getString(2), rs.getLong(3)), steps.params()));
    perStep.sort(Comparator.comparingInt(step -> {
      int index = STEPS.indexOf(step.taskKey());
      return index < 0 ? STEPS.size() : index;
    }));
    return new Operations(openCases, referred, admitted, median, overdueTasks, perStep);
  }

  // --- helpers

  /** The distinct values of a figure recorded on the pathways open during the period. */
  private List<String> openPathwayFigures(Scope scope, String figure) {
    Sql sql = new Sql("SELECT DISTINCT v.TEXT_ FROM ").table("ACT_HI_VARINST").append(" v");
    scope.openPathwayFigure(sql, "v", figure);
    return jdbc.queryForList(sql.text(), String.class, sql.params());
  }

  /** Users of the territory groups of the département, whatever the caller may read of the identity service. */
  private Set<String> territoryGroupMembers(Departement departement) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    IdentityService identityService = engine.getIdentityService();
    return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
      Set<String> members = new HashSet<>();
      for (String territory : departement.territories().keySet()) {
        for (String group : List.of(Groups.socialWorkers(territory), Groups.ctas(territory),
            Groups.partners(territory))) {
          identityService.createUserQuery().memberOfGroup(group).list().stream().map(User::getId)
              .forEach(members::add);
        }
      }
      return members;
    }));
  }

  private static Indicator rate(String code, String label, long numerator, long denominator, Double target,
      String definition, List<String> details) {
    Double value = denominator == 0 ? null : Math.round(numerator * 1000.0 / denominator) / 10.0;
    return new Indicator(code, label, numerator, denominator, value, "%", target, definition, details);
  }

  private static Indicator count(String code, String label, long count, String unit, String definition,
      List<String> details) {
    return new Indicator(code, label, count, null, count, unit, null, definition, details);
  }

  private String table(String name) {
    String prefix = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseTablePrefix();
    return prefix == null ? name : prefix + name;
  }

  /** The filters of a request: tenant, territories (the one asked for, or all of the tenant), period bounds. */
  private final class Scope {
    final String tenant;
    final String territory;
    final List<String> territories;
    /** Start of the period (inclusive), null when it starts with the first case. */
    final Timestamp start;
    final Timestamp end;
    final Timestamp snapshot;

    Scope(String tenant, String territory, List<String> territories, Timestamp start, Timestamp end,
        Timestamp snapshot) {
      this.tenant = tenant;
      this.territory = territory;
      this.territories = territories;
      this.start = start;
      this.end = end;
      this.snapshot = snapshot;
    }

    Timestamp startOrBeginning() {
      return start == null ? BEGINNING : start;
    }

    /** {@code WHERE}: a figure in the territories, of the process definition, recorded in the period. */
    void recordedIn(Sql sql, String alias, String processKey, String... figures) {
      figureNames(sql, alias, figures);
      sql.append(" AND " + alias + ".PROC_DEF_KEY_ = ? AND " + alias + ".TENANT_ID_ = ? AND " + alias
          + ".CREATE_TIME_ >= ? AND " + alias + ".CREATE_TIME_ < ?", processKey, tenant, startOrBeginning(), end);
    }

    /**
     * Joins the pathway if needed, then {@code WHERE}: a figure recorded on the pathways open during
     * the period (recorded before its end; the pathway, by its primary key, not ended before its start).
     */
    void openPathwayFigure(Sql sql, String alias, String figure) {
      if (start != null) {
        sql.append(" JOIN ").table("ACT_HI_PROCINST").append(" p ON p.ID_ = " + alias + ".PROC_INST_ID_");
      }
      figureNames(sql, alias, figure);
      sql.append(" AND " + alias + ".PROC_DEF_KEY_ = ? AND " + alias + ".TENANT_ID_ = ? AND " + alias
          + ".CREATE_TIME_ < ?", Processes.PATHWAY, tenant, end);
      if (start != null) {
        sql.append(" AND (p.END_TIME_ IS NULL OR p.END_TIME_ >= ?)", start);
      }
    }

    /** {@code WHERE}: figures recorded at the committees held in the period. */
    void committeeFigures(Sql sql, String alias, String... figures) {
      recordedIn(sql, alias, Processes.TECHNICAL_COMMITTEE, figures);
    }

    private void figureNames(Sql sql, String alias, String... figures) {
      List<Object> names = new ArrayList<>();
      for (String figure : figures) {
        territories.forEach(code -> names.add(IndicatorFigures.name(figure, code)));
      }
      sql.append(" WHERE " + alias + ".NAME_ IN (" + String.join(", ", Collections.nCopies(names.size(), "?")) + ")",
          names.toArray());
    }

    /** Joins the territory if needed, then {@code WHERE}: pathways of the tenant. */
    void pathways(Sql sql, String alias) {
      territory(sql, alias + ".ID_");
      sql.append(" WHERE " + alias + ".PROC_DEF_KEY_ = ? AND " + alias + ".TENANT_ID_ = ?", Processes.PATHWAY, tenant);
    }

    /** Joins the territory if needed, then {@code WHERE}: user tasks of the cases open at the snapshot. */
    void openTasks(Sql sql, String alias) {
      territory(sql, alias + ".PROC_INST_ID_");
      sql.append(" WHERE " + alias + ".PROC_DEF_KEY_ IN (?, ?) AND " + alias + ".TENANT_ID_ = ? AND " + alias
          + ".START_TIME_ < ? AND (" + alias + ".END_TIME_ IS NULL OR " + alias + ".END_TIME_ >= ?)", Processes.PATHWAY,
          Processes.TECHNICAL_COMMITTEE, tenant, snapshot, snapshot);
    }

    private void territory(Sql sql, String processInstanceId) {
      if (territory != null) {
        sql.append(" JOIN ").table("ACT_HI_VARINST").append(" tv ON tv.PROC_INST_ID_ = " + processInstanceId
            + " AND tv.NAME_ = 'territory' AND tv.TEXT_ = ?", territory);
      }
    }
  }

  /** SQL text and its parameters, in order. */
  private final class Sql {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    Sql(String start, Object... values) {
      text.append(start);
      params.addAll(List.of(values));
    }

    Sql append(String fragment, Object... values) {
      text.append(fragment);
      params.addAll(List.of(values));
      return this;
    }

    Sql table(String name) {
      text.append(IndicatorService.this.table(name));
      return this;
    }

    String text() {
      return text.toString();
    }

    Object[] params() {
      return params.toArray();
    }
  }
}
