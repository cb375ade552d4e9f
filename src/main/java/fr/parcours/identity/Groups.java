package fr.parcours.identity;

/** Names of the Camunda groups of DOMAIN.md §2. Territory groups are suffixed with the territory code. */
public final class Groups {

  public static final String SOCIAL_WORKERS = "ts-";
  public static final String CTAS = "ctas-";
  public static final String PARTNERS = "partners-";
  public static final String PILOTS = "pilots";
  public static final String ADMINS = "camunda-admin";
  /** Data-protection officers: answer the person's rights (export, erasure) for their départements. */
  public static final String DPO = "dpo";
  /** National managers: deploy the shared models (BPMN, forms, decision tables) from Camunda Modeler. */
  public static final String MANAGERS = "gestionnaires";

  private Groups() {}

  public static String socialWorkers(String territory) {
    return SOCIAL_WORKERS + territory;
  }

  public static String ctas(String territory) {
    return CTAS + territory;
  }

  public static String partners(String territory) {
    return PARTNERS + territory;
  }

  /** A département's managers: deploy that département's own decision tables (its tenant). */
  public static String managers(String tenantId) {
    return MANAGERS + "-" + tenantId;
  }
}
