package fr.parcours.documents;

import java.util.ArrayList;
import java.util.List;

/** The decision of a sitting of the technical committee ("décision de l'instance technique") as a PDF. */
final class CommitteeDecisionPdf {

  static final String TITLE = "Décision de l'instance technique";

  private CommitteeDecisionPdf() {}

  static byte[] render(CommitteeDecisionSummary decision) {
    PdfLayout pdf = new PdfLayout(TITLE, decision.place(), decision.caseReference(), decision.editedOn());
    List<String[]> facts = new ArrayList<>();
    facts.add(new String[] {"Dossier", decision.caseReference()});
    facts.add(new String[] {"Personne accompagnée", decision.personLabel()});
    facts.add(new String[] {"Territoire", decision.place().territory() + " (" + decision.place().departement() + ")"});
    facts.add(new String[] {"Objet", Labels.purpose(decision.purpose())});
    facts.add(new String[] {"Date de la séance", Labels.dayAndTime(decision.sittingDate())});
    facts.add(new String[] {"Lieu", decision.sittingPlace()});
    facts.add(new String[] {"Présence de la personne", decision.personPresent() == null ? null
        : decision.personPresent() ? "Présente" : "Absente (son absence ne vaut pas refus)"});
    pdf.facts(facts);

    pdf.section("Décision");
    pdf.emphasis(Labels.decision(decision.decision()));
    List<String[]> terms = new ArrayList<>();
    terms.add(new String[] {"Référent de parcours désigné", decision.coordinator()});
    terms.add(new String[] {"Durée de l'accompagnement", Labels.duration(decision.plannedDuration())});
    pdf.facts(terms);

    if (decision.decisionNotes() != null || decision.coordinatorChoiceReason() != null) {
      pdf.section("Motifs et conditions");
      if (decision.decisionNotes() != null) {
        pdf.text(decision.decisionNotes());
      }
      if (decision.coordinatorChoiceReason() != null) {
        pdf.labelledText("Choix du référent", decision.coordinatorChoiceReason());
      }
    }
    pdf.section("Information");
    pdf.text("Cette décision a été prise de façon collégiale par l'instance technique du territoire. La personne "
        + "peut en parler avec son travailleur social ou son référent de parcours.");
    return pdf.finish();
  }
}
