package fr.parcours.identity;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fr.parcours.models.ModelContract.Tasks;

/**
 * Tasklist shows nothing until filters exist: this creates the filters each role needs on its
 * first login and lets the territory groups read them. A filter that exists by name is left as
 * an administrator may have edited it, except that one without card variables (created by an
 * earlier version) gets the case's.
 */
@Component
public class TasklistFilterSeeder {

  /** Variables shown on every task card, so a worker recognises the case at a glance. */
  static final List<Map<String, String>> CASE_COLUMNS = List.of(
      Map.of("name", "caseReference", "label", "Dossier"),
      Map.of("name", "personLabel", "label", "Personne"),
      Map.of("name", "territory", "label", "Territoire"),
      Map.of("name", "planEndDate", "label", "Fin prévue"));

  private final FilterService filterService;
  private final TaskService taskService;
  private final Departements departements;
  private final Grants grants;

  public TasklistFilterSeeder(FilterService filterService, TaskService taskService, Departements departements,
      Grants grants) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.departements = departements;
    this.grants = grants;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(2)
  public void seed() {
    Predicate<String> everyTerritoryGroup = group -> true;
    Predicate<String> ctasOnly = group -> group.startsWith(Groups.CTAS);

    ensure("Mes tâches", -10, "#1f6feb", "Les tâches qui me sont attribuées.",
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc(),
        everyTerritoryGroup);
    ensure("Tâches de mon équipe", 0, "#2da44e", "Les tâches des groupes dont je fais partie, attribuées ou non.",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks().orderByDueDate().asc(),
        everyTerritoryGroup);
    // the CTAS filters keep a committee in view once a CTAS has taken it ("Prendre en charge")
    ensure("Instances techniques à organiser", 10, "#bf8700", "Instances techniques à planifier sur mon territoire.",
        taskService.createTaskQuery().taskDefinitionKey(Tasks.SCHEDULE_COMMITTEE)
            .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks().orderByDueDate().asc(),
        ctasOnly);
    ensure("Instances techniques à tenir", 11, "#bf8700", "Instances techniques dont la date est arrivée.",
        taskService.createTaskQuery().taskDefinitionKey(Tasks.HOLD_COMMITTEE)
            .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks().orderByDueDate().asc(),
        ctasOnly);
    ensure("Tâches en retard", 20, "#cf222e", "Mes tâches et celles de mes équipes dont l'échéance est passée.",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks().dueBeforeExpression("${now()}").orderByDueDate().asc(),
        everyTerritoryGroup);
  }

  private void ensure(String name, int priority, String color, String description, TaskQuery query,
      Predicate<String> visibleTo) {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("description", description);
      properties.put("priority", priority);
      properties.put("color", color);
      properties.put("refresh", true);
      properties.put("showUndefinedVariable", false);
      properties.put("variables", CASE_COLUMNS);
      filter = filterService.newTaskFilter(name).setQuery(query).setProperties(properties);
      filterService.saveFilter(filter);
    } else if (filter.getProperties() == null || !filter.getProperties().containsKey("variables")) {
      // a filter created before the cards showed the case: Tasklist shows on a card only the
      // variables its filter lists, so without them the cards showed the task name alone
      Map<String, Object> properties = new LinkedHashMap<>(filter.getProperties() == null ? Map.of() : filter.getProperties());
      properties.put("variables", CASE_COLUMNS);
      filterService.saveFilter(filter.setProperties(properties));
    }
    String filterId = filter.getId();
    departements.territoryCodes()
        .flatMap(code -> java.util.stream.Stream.of(Groups.socialWorkers(code), Groups.ctas(code), Groups.partners(code)))
        .filter(visibleTo)
        .forEach(group -> grants.grant(group, FILTER, filterId, READ));
  }
}
