package fr.parcours.casefile;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.parcours.models.ModelContract.Messages;

/**
 * Who may make which follow-up request on a case they may read: the one place in code of the
 * README's table « Who may do what ». A request is made in the name of someone
 * ({@code requestedBy}): the référent for themselves, an intervener for themselves, a social worker
 * of the case's territory on behalf of the person. Whoever may not read the case gets 404 before
 * this table is consulted; CTAS, former référents and operators read cases but make no request.
 */
public final class CaseRequestRights {

  /** The caller's relations to a case they may read. */
  public enum Relation {
    /** {@code coordinatorId} of the case. */
    COORDINATOR("coordinator"),
    /** Listed in {@code interveners} with their account, the person having consented to share. */
    INTERVENER("intervener"),
    /** Member of {@code ts-<territory>} of the case: acts on behalf of the person. */
    TERRITORY_SOCIAL_WORKER("person");

    /** The {@code requestedBy} value of a request made in this relation. */
    public final String requestedBy;

    Relation(String requestedBy) {
      this.requestedBy = requestedBy;
    }
  }

  /** The request types and the model's message each one is. */
  public enum Type {
    SYNTHESIS("synthesis", Messages.SYNTHESIS_REQUESTED, "Demander une réunion de synthèse", "Réunion de synthèse demandée"),
    DISPUTE("dispute", Messages.DISPUTE_RAISED, "Signaler un différend", "Différend signalé"),
    COORDINATOR_CHANGE("coordinatorChange", Messages.COORDINATOR_CHANGE_REQUESTED, "Demander un changement de référent",
        "Changement de référent demandé"),
    WITHDRAWAL("withdrawal", Messages.PATHWAY_WITHDRAWN, "Déclarer une sortie du dispositif", "Sortie du dispositif déclarée");

    /** As in {@code POST /api/cases/{businessKey}/requests} {@code {"type": …}}. */
    public final String code;
    /** The model's message name. */
    public final String messageName;
    /** The action's French label (button). */
    public final String label;
    /** The French start of the case journal's entry. */
    public final String journalTitle;

    Type(String code, String messageName, String label, String journalTitle) {
      this.code = code;
      this.messageName = messageName;
      this.label = label;
      this.journalTitle = journalTitle;
    }

    public static Type of(String code) {
      for (Type type : values()) {
        if (type.code.equals(code)) {
          return type;
        }
      }
      return null;
    }
  }

  /** The table: which relations may make each request. */
  private static final Map<Type, Set<Relation>> RIGHTS = Map.of(
      Type.SYNTHESIS, EnumSet.of(Relation.COORDINATOR, Relation.INTERVENER, Relation.TERRITORY_SOCIAL_WORKER),
      Type.DISPUTE, EnumSet.of(Relation.INTERVENER, Relation.TERRITORY_SOCIAL_WORKER),
      Type.COORDINATOR_CHANGE, EnumSet.of(Relation.COORDINATOR, Relation.INTERVENER, Relation.TERRITORY_SOCIAL_WORKER),
      Type.WITHDRAWAL, EnumSet.of(Relation.COORDINATOR, Relation.TERRITORY_SOCIAL_WORKER));

  /** French names of the exit reasons ({@code exitReason}), in the order a form offers them. */
  public static final Map<String, String> EXIT_REASONS = orderedMap(
      "withdrawal", "Retrait de la personne",
      "move", "Déménagement",
      "death", "Décès",
      "other", "Autre motif");

  /** French names of the requesters ({@code requestedBy}). */
  public static final Map<String, String> REQUESTERS = orderedMap(
      "coordinator", "le référent de parcours",
      "intervener", "un intervenant",
      "person", "la personne");

  private CaseRequestRights() {}

  /** The relations in which the caller may make this request (empty: not entitled). */
  public static Set<Relation> entitled(Type type, Set<Relation> relations) {
    Set<Relation> allowed = EnumSet.noneOf(Relation.class);
    for (Relation relation : relations) {
      if (RIGHTS.get(type).contains(relation)) {
        allowed.add(relation);
      }
    }
    return allowed;
  }

  /** The relations entitled to a request, for the README's table and the refusals. */
  public static Set<Relation> entitledRelations(Type type) {
    return RIGHTS.get(type);
  }

  /** French description of who may make a request, for a refusal: « au référent de parcours ou à … ». */
  public static String whoMay(Type type) {
    List<String> who = RIGHTS.get(type).stream().map(relation -> switch (relation) {
      case COORDINATOR -> "au référent de parcours";
      case INTERVENER -> "à un intervenant du parcours";
      case TERRITORY_SOCIAL_WORKER -> "à un travailleur social du territoire (au nom de la personne)";
    }).toList();
    return String.join(", ", who.subList(0, who.size() - 1)) + (who.size() > 1 ? " ou " : "") + who.get(who.size() - 1);
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
