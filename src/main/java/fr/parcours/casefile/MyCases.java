package fr.parcours.casefile;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.parcours.engine.EngineCalls;
import fr.parcours.identity.Departements;
import fr.parcours.identity.Groups;
import fr.parcours.identity.UserNames;
import fr.parcours.models.ModelContract.Processes;
import fr.parcours.models.ModelContract.Variables;
import fr.parcours.web.Refusal;

/**
 * « Mes parcours »: the open cases the caller may read — as référent, as intervener (after the
 * person's consent to share), as a member of the territory's teams: exactly the cases the engine's
 * need-to-know grants open to them (READ on the pathway's process instance, their own or their
 * groups', in the départements they belong to). Pilots and data-protection officers see none.
 * Searched by reference or person's label, sorted by next due date (the earliest due date of the
 * case's open tasks, its committees' included; cases without one last), paged.
 *
 * <p>One SQL query for the page and one for the count, on Camunda's runtime tables with the
 * authorization check the engine itself makes (grants of the user or their groups, on the instance
 * or on every instance; or READ_INSTANCE on the pathway's definition): the engine's query API can
 * neither sort by a task's due date nor search a variable with an OR on the business key, and
 * loading every readable case to sort it in memory does not hold at 100,000 open cases. The columns
 * of the page's rows (at most {@value #MAX_SIZE}) are read afterwards in two more queries.
 */
@Component
public class MyCases {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;
  private static final int READ = Permissions.READ.getValue();
  private static final int READ_INSTANCE = ProcessDefinitionPermissions.READ_INSTANCE.getValue();

  private final JdbcTemplate jdbc;
  private final EngineCalls engine;
  private final UserNames userNames;
  private final Departements departements;

  MyCases(JdbcTemplate jdbc, EngineCalls engine, UserNames userNames, Departements departements) {
    this.jdbc = jdbc;
    this.engine = engine;
    this.userNames = userNames;
    this.departements = departements;
  }

  /** A page of the caller's cases: {@code {page, size, total, cases: [...]}}. */
  public Map<String, Object> list(Authentication caller, String search, String page, String size) {
    if (caller == null || caller.getUserId() == null) {
      throw Refusal.unauthorized();
    }
    List<String> problems = new ArrayList<>();
    int pageNumber = number(page, 0, "page", problems);
    int pageSize = number(size, DEFAULT_SIZE, "size", problems);
    if (pageNumber < 0) {
      problems.add("page doit être un nombre positif ou nul (0 pour la première page)");
    }
    if (pageSize < 1 || pageSize > MAX_SIZE) {
      problems.add("size doit être compris entre 1 et " + MAX_SIZE);
    }
    String term = search == null || search.isBlank() ? null : search.strip();
    if (term != null && term.length() > 100) {
      problems.add("search compte plus de 100 caractères");
    }
    if (!problems.isEmpty()) {
      throw Refusal.badRequest("Recherche refusée : " + String.join(" ; ", problems) + ".", problems);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("page", pageNumber);
    answer.put("size", pageSize);
    if (seesNoCase(caller)) {
      answer.put("total", 0L);
      answer.put("cases", List.of());
      return answer;
    }
    Sql where = where(caller, term);
    Long total = jdbc.queryForObject("SELECT COUNT(*) FROM " + table("ACT_RU_EXECUTION") + " p" + where.text,
        Long.class, where.params.toArray());
    Sql page1 = new Sql();
    page1.text.append("SELECT p.ID_, p.BUSINESS_KEY_, p.TENANT_ID_, (").append(nextDue("p.ID_")).append(") NEXT_DUE_ FROM ")
        .append(table("ACT_RU_EXECUTION")).append(" p").append(where.text)
        .append(" ORDER BY NEXT_DUE_ ASC NULLS LAST, p.BUSINESS_KEY_ ASC, p.ID_ ASC")
        .append(" LIMIT ? OFFSET ?");
    page1.params.addAll(where.params);
    page1.params.add(pageSize);
    page1.params.add((long) pageNumber * pageSize);
    List<Map<String, Object>> rows = jdbc.queryForList(page1.text.toString(), page1.params.toArray());
    answer.put("total", total == null ? 0L : total);
    answer.put("cases", describe(caller, rows));
    return answer;
  }

  private static int number(String text, int absent, String name, List<String> problems) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      problems.add(name + " doit être un nombre entier (reçu « " + text + " »)");
      return absent;
    }
  }

  /** Pilots read indicators, data-protection officers answer the person's rights: no case for them here. */
  static boolean seesNoCase(Authentication caller) {
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    return !groups.contains(Groups.ADMINS) && (groups.contains(Groups.PILOTS) || groups.contains(Groups.DPO));
  }

  private Sql where(Authentication caller, String term) {
    Sql sql = new Sql();
    sql.text.append(" WHERE p.ID_ = p.PROC_INST_ID_ AND p.SUPER_EXEC_ IS NULL AND p.PROC_DEF_ID_ IN (SELECT d.ID_ FROM ")
        .append(table("ACT_RE_PROCDEF")).append(" d WHERE d.KEY_ = ?)");
    sql.params.add(Processes.PATHWAY);
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    if (!groups.contains(Groups.ADMINS)) {
      // the engine's own rule: a grant of the user or of one of their groups (PERMS_ holds the
      // permissions as bits), on the case itself unless one opens every case of the pathway
      String who = "(a.USER_ID_ = ?" + (groups.isEmpty() ? "" : " OR a.GROUP_ID_ IN (" + marks(groups.size()) + ")") + ")";
      if (!readsEveryCase(caller.getUserId(), groups, who)) {
        sql.text.append(" AND p.ID_ IN (SELECT a.RESOURCE_ID_ FROM ").append(table("ACT_RU_AUTHORIZATION"))
            .append(" a WHERE a.TYPE_ = 1 AND a.RESOURCE_TYPE_ = ? AND MOD(a.PERMS_ / ?, 2) = 1 AND ").append(who).append(")");
        sql.params.add(Resources.PROCESS_INSTANCE.resourceType());
        sql.params.add(READ);
        sql.params.add(caller.getUserId());
        sql.params.addAll(groups);
      }
      // the engine's tenant check: only the départements the caller belongs to
      List<String> tenants = caller.getTenantIds() == null ? List.of() : caller.getTenantIds();
      sql.text.append(" AND (p.TENANT_ID_ IS NULL").append(tenants.isEmpty() ? "" : " OR p.TENANT_ID_ IN (" + marks(tenants.size()) + ")")
          .append(")");
      sql.params.addAll(tenants);
    }
    if (term != null) {
      String like = "%" + term.toUpperCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      sql.text.append(" AND (UPPER(p.BUSINESS_KEY_) LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM ").append(table("ACT_RU_VARIABLE"))
          .append(" v WHERE v.PROC_INST_ID_ = p.ID_ AND v.EXECUTION_ID_ = p.ID_ AND v.NAME_ = ? AND UPPER(v.TEXT_) LIKE ? ESCAPE '\\'))");
      sql.params.add(like);
      sql.params.add(Variables.PERSON_LABEL);
      sql.params.add(like);
    }
    return sql;
  }

  /** Whether a grant opens every pathway to the caller: READ on every process instance, or READ_INSTANCE on the definition. */
  private boolean readsEveryCase(String userId, List<String> groups, String who) {
    List<Object> params = new ArrayList<>(List.of(Resources.PROCESS_INSTANCE.resourceType(), READ,
        Resources.PROCESS_DEFINITION.resourceType(), Processes.PATHWAY, READ_INSTANCE, userId));
    params.addAll(groups);
    Long grants = jdbc.queryForObject("SELECT COUNT(*) FROM " + table("ACT_RU_AUTHORIZATION") + " a WHERE a.TYPE_ = 1 AND ("
        + "(a.RESOURCE_TYPE_ = ? AND a.RESOURCE_ID_ = '*' AND MOD(a.PERMS_ / ?, 2) = 1)"
        + " OR (a.RESOURCE_TYPE_ = ? AND a.RESOURCE_ID_ IN (?, '*') AND MOD(a.PERMS_ / ?, 2) = 1)) AND " + who,
        Long.class, params.toArray());
    return grants != null && grants > 0;
  }

  /** The earliest due date of the open tasks of the case (pathway and committees, by their root). */
  private String nextDue(String root) {
    return "SELECT MIN(t.DUE_DATE_) FROM " + table("ACT_RU_TASK") + " t JOIN " + table("ACT_RU_EXECUTION")
        + " i ON i.ID_ = t.PROC_INST_ID_ WHERE i.ROOT_PROC_INST_ID_ = " + root;
  }

  private List<Map<String, Object>> describe(Authentication caller, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> ids = rows.stream().map(row -> (String) row.get("ID_")).toList();
    String in = marks(ids.size());
    Map<String, Map<String, String>> variables = new HashMap<>();
    List<Object> params = new ArrayList<>(ids);
    params.addAll(List.of(Variables.PERSON_LABEL, Variables.TERRITORY, Variables.COORDINATOR_ID));
    jdbc.query("SELECT v.PROC_INST_ID_, v.NAME_, v.TEXT_ FROM " + table("ACT_RU_VARIABLE") + " v WHERE v.PROC_INST_ID_ IN (" + in
        + ") AND v.EXECUTION_ID_ = v.PROC_INST_ID_ AND v.NAME_ IN (?, ?, ?)", rs -> {
          variables.computeIfAbsent(rs.getString(1), id -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
        }, params.toArray());
    Map<String, Set<String>> steps = new HashMap<>();
    jdbc.query("SELECT i.ROOT_PROC_INST_ID_, t.NAME_ FROM " + table("ACT_RU_TASK") + " t JOIN " + table("ACT_RU_EXECUTION")
        + " i ON i.ID_ = t.PROC_INST_ID_ WHERE i.ROOT_PROC_INST_ID_ IN (" + in + ") ORDER BY t.CREATE_TIME_, t.ID_", rs -> {
          steps.computeIfAbsent(rs.getString(1), id -> new LinkedHashSet<>()).add(rs.getString(2));
        }, ids.toArray());
    Map<String, String> names = engine.withoutChecks(caller, () -> {
      Map<String, String> found = new HashMap<>();
      variables.values().stream().map(v -> v.get(Variables.COORDINATOR_ID)).filter(id -> id != null)
          .distinct().forEach(id -> found.put(id, userNames.fullName(id)));
      return found;
    });
    List<Map<String, Object>> cases = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      String id = (String) row.get("ID_");
      Map<String, String> values = variables.getOrDefault(id, Map.of());
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("processInstanceId", id);
      item.put("businessKey", row.get("BUSINESS_KEY_"));
      item.put("personLabel", values.get(Variables.PERSON_LABEL));
      String territory = values.get(Variables.TERRITORY);
      item.put("territory", territory);
      item.put("territoryName", territoryName(territory, (String) row.get("TENANT_ID_")));
      item.put("currentSteps", List.copyOf(steps.getOrDefault(id, Collections.emptySet())));
      String coordinatorId = values.get(Variables.COORDINATOR_ID);
      item.put("coordinator", coordinatorId == null ? null : Map.of("id", coordinatorId, "name", names.get(coordinatorId)));
      Object due = row.get("NEXT_DUE_");
      item.put("nextDueDate", due instanceof Timestamp at ? at.toInstant().toString() : null);
      cases.add(item);
    }
    return cases;
  }

  private String territoryName(String territory, String tenant) {
    if (territory == null || tenant == null || !departements.tenants().containsKey(tenant)) {
      return territory;
    }
    Departements.Territory known = departements.tenants().get(tenant).territories().get(territory);
    return known == null ? territory : known.name();
  }

  private String table(String name) {
    String prefix = ((ProcessEngineConfigurationImpl) engine.engine().getProcessEngineConfiguration()).getDatabaseTablePrefix();
    return prefix == null ? name : prefix + name;
  }

  private static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private static final class Sql {
    final StringBuilder text = new StringBuilder();
    final List<Object> params = new ArrayList<>();
  }
}
