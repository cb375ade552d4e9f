package fr.parcours.indicators;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;

import fr.parcours.validation.JsonLists;

/**
 * The scalar figures the indicators are computed from, recorded in the engine's history when they
 * happen, so that the indicators are aggregates over history rows (COUNT, SUM, DISTINCT) and never
 * read the JSON lists of every case. Each figure is a variable named {@code <figure>@<territory>}:
 * its history row carries the tenant, the process definition key, the territory (in its name) and
 * the time it was recorded (CREATE_TIME_), so a département, a territory and a period select the
 * rows through the index on NAME_ alone, without joining every case to its territory.
 *
 * <p>When a pathway starts (process variables of the pathway):
 * <ul>
 * <li>{@value #INTERVENER_ORGANISATIONS}: the distinct organisations of {@code interveners},
 * sorted, separated by {@value #SEPARATOR}; its row also marks a referral in the territory;</li>
 * <li>{@value #INTERVENER_IDENTITIES}: one key per intervener, {@code u:<userId>} for an intervener
 * who has an account, else {@code n:<organisation>/<name>} (lower case), sorted, separated by
 * {@value #SEPARATOR}.</li>
 * </ul>
 * When the committee admits the person ({@code signAgreement} is created; process variable):
 * {@value #ADMITTED_PERSON}, the case's {@code personRef}.
 * <p>Each time {@code holdCommittee} is completed (variables local to that task, so that an
 * adjourned committee held again keeps the figures of each sitting):
 * <ul>
 * <li>{@value #MEMBERS_INVITED} (Integer): the members listed in {@code attendance} (the form lists
 * every member invited, present or not);</li>
 * <li>{@value #MEMBERS_PRESENT} (Integer): those marked present;</li>
 * <li>{@value #PERSON_PRESENT} (Boolean): {@code personPresent} at that sitting;</li>
 * <li>{@value #COMMITTEE_ORGANISATIONS}: the distinct organisations of {@code invitedMembers} and
 * {@code attendance}.</li>
 * </ul>
 * When a pathway completes (end event {@code pathwayCompleted}, after {@code positiveEvolutionRecorder};
 * process variable): {@value #COMPLETED_POSITIVE} (Boolean), its {@code positiveEvolution}.
 * <p>Malformed lists record nothing (the input rules refuse them anyway); a case without territory
 * records nothing.
 */
public final class IndicatorFigures {

  public static final String INTERVENER_ORGANISATIONS = "intervenerOrganisations";
  public static final String INTERVENER_IDENTITIES = "intervenerIdentities";
  public static final String ADMITTED_PERSON = "admittedPersonRef";
  public static final String MEMBERS_INVITED = "committeeMembersInvited";
  public static final String MEMBERS_PRESENT = "committeeMembersPresent";
  public static final String PERSON_PRESENT = "committeePersonPresent";
  public static final String COMMITTEE_ORGANISATIONS = "committeeOrganisations";
  public static final String COMPLETED_POSITIVE = "completedPositive";

  /** Between the figure and the territory in the name of the variable. */
  public static final String AT = "@";
  /** Separator of the values of a recorded list; removed from the values themselves. */
  public static final String SEPARATOR = "|";

  /** A history text column holds 4,000 characters. */
  static final int MAX_TEXT = 4000;

  private IndicatorFigures() {}

  /** The name of a figure in a territory: {@code committeeMembersInvited@artois}. */
  public static String name(String figure, String territory) {
    return figure + AT + territory;
  }

  /** Execution listener ({@code start} of the process {@code pathway}). */
  public static void recordReferral(DelegateExecution execution) {
    String territory = territory(execution);
    if (territory == null) {
      return;
    }
    List<SpinJsonNode> interveners = list(execution, "interveners");
    TreeSet<String> organisations = new TreeSet<>();
    TreeSet<String> identities = new TreeSet<>();
    for (SpinJsonNode intervener : interveners) {
      if (!intervener.isObject()) {
        continue;
      }
      String organisation = text(intervener, "organisation");
      String name = text(intervener, "name");
      String userId = text(intervener, "userId");
      if (organisation != null) {
        organisations.add(organisation);
      }
      if (userId != null) {
        identities.add("u:" + userId);
      } else if (organisation != null || name != null) {
        identities.add(("n:" + (organisation == null ? "" : organisation) + "/" + (name == null ? "" : name))
            .toLowerCase(Locale.ROOT));
      }
    }
    execution.setVariable(name(INTERVENER_ORGANISATIONS, territory), join(organisations));
    execution.setVariable(name(INTERVENER_IDENTITIES, territory), join(identities));
  }

  /** Task listener ({@code create} of {@code signAgreement}): the person is admitted. */
  public static void recordAdmission(DelegateTask task) {
    String territory = territory(task);
    if (territory != null) {
      task.getExecution().getProcessInstance().setVariable(name(ADMITTED_PERSON, territory),
          task.getVariable("personRef"));
    }
  }

  /** Task listener ({@code complete} of {@code holdCommittee}), after the input rules. */
  public static void recordCommittee(DelegateTask task) {
    String territory = territory(task);
    if (territory == null) {
      return;
    }
    List<SpinJsonNode> attendance = list(task, "attendance");
    int invited = 0;
    int present = 0;
    TreeSet<String> organisations = new TreeSet<>();
    for (SpinJsonNode member : attendance) {
      if (!member.isObject()) {
        continue;
      }
      invited++;
      if (member.hasProp("present") && member.prop("present").isBoolean() && member.prop("present").boolValue()) {
        present++;
      }
      addOrganisation(organisations, member);
    }
    for (SpinJsonNode member : list(task, "invitedMembers")) {
      if (member.isObject()) {
        addOrganisation(organisations, member);
      }
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put(name(MEMBERS_INVITED, territory), invited);
    figures.put(name(MEMBERS_PRESENT, territory), present);
    figures.put(name(PERSON_PRESENT, territory), Boolean.TRUE.equals(task.getVariable("personPresent")));
    figures.put(name(COMMITTEE_ORGANISATIONS, territory), join(organisations));
    task.setVariablesLocal(figures);
  }

  /** Execution listener ({@code start} of the end event {@code pathwayCompleted}, after positiveEvolutionRecorder). */
  public static void recordCompletion(DelegateExecution execution) {
    String territory = territory(execution);
    if (territory != null) {
      execution.getProcessInstance().setVariable(name(COMPLETED_POSITIVE, territory),
          Boolean.TRUE.equals(execution.getVariable("positiveEvolution")));
    }
  }

  /** The values of a recorded list. */
  public static List<String> split(String recorded) {
    if (recorded == null || recorded.isEmpty()) {
      return List.of();
    }
    return List.of(recorded.split("\\" + SEPARATOR));
  }

  /**
   * A JSON list as stored, read without deserializing it: a malformed list gives no element and
   * stays readable for the input rules, which refuse it with their own message.
   */
  private static List<SpinJsonNode> list(VariableScope scope, String name) {
    TypedValue stored = scope.getVariableTyped(name, false);
    if (stored == null) {
      return List.of();
    }
    Object value = stored instanceof SerializableValue serializable && !serializable.isDeserialized()
        ? serializable.getValueSerialized() : stored.getValue();
    return JsonLists.elements(value);
  }

  private static String territory(VariableScope scope) {
    TypedValue stored = scope.getVariableTyped("territory", false);
    Object territory = stored == null || stored instanceof SerializableValue ? null : stored.getValue();
    return territory instanceof String code && code.matches("[a-zA-Z0-9._-]+") ? code : null;
  }

  private static void addOrganisation(Collection<String> organisations, SpinJsonNode member) {
    String organisation = text(member, "organisation");
    if (organisation != null) {
      organisations.add(organisation);
    }
  }

  private static String text(SpinJsonNode node, String field) {
    if (!node.hasProp(field) || !node.prop(field).isString()) {
      return null;
    }
    String value = node.prop(field).stringValue().replace(SEPARATOR, "/").replaceAll("\\s+", " ").trim();
    return value.isEmpty() ? null : value;
  }

  private static String join(Collection<String> values) {
    StringBuilder joined = new StringBuilder();
    for (String value : values) {
      if (joined.length() + value.length() + 1 > MAX_TEXT) {
        break;
      }
      if (joined.length() > 0) {
        joined.append(SEPARATOR);
      }
      joined.append(value);
    }
    return joined.toString();
  }
}
