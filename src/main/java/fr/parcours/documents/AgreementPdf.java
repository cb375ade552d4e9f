package fr.parcours.documents;

import java.util.ArrayList;
import java.util.List;

/** The summary of the signed agreement ("contrat d'engagement réciproque") as a PDF. */
final class AgreementPdf {

  static final String TITLE = "Contrat d'engagement réciproque";

  private AgreementPdf() {}

  static byte[] render(AgreementSummary agreement) {
    PdfLayout pdf = new PdfLayout(TITLE, agreement.place(), agreement.caseReference(), agreement.editedOn());
    List<String[]> facts = new ArrayList<>();
    facts.add(new String[] {"Dossier", agreement.caseReference()});
    facts.add(new String[] {"Personne accompagnée", agreement.personLabel()});
    facts.add(new String[] {"Territoire", agreement.place().territory() + " (" + agreement.place().departement() + ")"});
    facts.add(new String[] {"Référent de parcours", agreement.coordinator()});
    facts.add(new String[] {"Date de signature", Labels.day(agreement.signedOn())});
    facts.add(new String[] {"Durée de l'accompagnement", Labels.duration(agreement.plannedDuration())});
    pdf.facts(facts);

    pdf.section("Objectifs et plan d'action");
    if (agreement.actionPlan().isEmpty()) {
      pdf.text("Aucune action n'est inscrite au plan.");
    } else {
      pdf.table(new float[] {3.2f, 1.6f, 1.6f, 1.1f, 1f},
          new String[] {"Objectif / action", "Domaine", "Porteur", "Échéance", "État"},
          agreement.actionPlan().stream().map(action -> new String[] {action.label(), Labels.domain(action.domain()),
              action.owner(), Labels.isoDay(action.dueDate()), Labels.status(action.status())}).toList());
    }

    pdf.section("Intervenants");
    if (agreement.interveners().isEmpty()) {
      pdf.text("Aucun intervenant n'est inscrit.");
    } else {
      pdf.table(new float[] {2f, 2f, 2f}, new String[] {"Nom", "Organisme", "Rôle"},
          agreement.interveners().stream().map(i -> new String[] {i.name(), i.organisation(), i.role()}).toList());
    }

    pdf.section("Engagements");
    pdf.text("La personne et le référent de parcours se sont engagés, à la date de signature, sur les objectifs et "
        + "le plan d'action ci-dessus, validés par l'instance technique. Le référent coordonne les interventions "
        + "et reste l'interlocuteur de la personne ; il ne remplace pas les autres intervenants.");
    pdf.text("La personne peut à tout moment demander une réunion de synthèse, faire part d'un désaccord, demander "
        + "un changement de référent ou mettre fin à l'accompagnement. La situation est réévaluée régulièrement "
        + "et un bilan partagé est fait avec elle avant la fin de l'accompagnement.");
    return pdf.finish();
  }
}
