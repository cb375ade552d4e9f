package fr.parcours.documents;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;

import fr.parcours.identity.Departements.Contact;

/**
 * « Mon parcours »: one A4 page for the person, in plain French, in the spirit of "facile à lire
 * et à comprendre" (FALC): large type, short sentences, one idea per line, "vous", no jargon and
 * no codes. Their référent and how to reach them, their objectives with their dates, what comes
 * next, what they may ask at any time, and their data rights with the département's contact.
 *
 * <p>Always one page: a plan with many objectives is shortened (the référent has the rest), and
 * should the page still overflow, the type gets a little smaller.
 */
final class PersonCopyPdf {

  static final String TITLE = "Mon parcours";
  /** Objectives shown in full; the others are counted. */
  static final int MAX_OBJECTIVES = 5;
  private static final float[] SIZES = {13.5f, 12.5f, 11.5f, 10.5f};

  private static final Color ACCENT = new Color(0x1f, 0x3a, 0x5f);

  private final PersonCopy copy;
  private final float size;
  private final Font text;
  private final Font strong;
  private final Font heading;

  private PersonCopyPdf(PersonCopy copy, float size) {
    this.copy = copy;
    this.size = size;
    this.text = new Font(Font.HELVETICA, size, Font.NORMAL);
    this.strong = new Font(Font.HELVETICA, size, Font.BOLD);
    this.heading = new Font(Font.HELVETICA, size + 3, Font.BOLD, ACCENT);
  }

  static byte[] render(PersonCopy copy) {
    byte[] pdf = null;
    for (float size : SIZES) {
      PersonCopyPdf layout = new PersonCopyPdf(copy, size);
      pdf = layout.write();
      if (layout.pages == 1) {
        return pdf;
      }
    }
    return pdf;
  }

  private int pages;

  private byte[] write() {
    Document document = new Document(PageSize.A4, 50, 50, 40, 40);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfWriter writer = PdfWriter.getInstance(document, out);
    document.addTitle(TITLE);
    document.addCreator("Parcours — démarche du référent de parcours");
    document.addAuthor("Département " + copy.place().departement());
    document.open();

    add(document, line("Département : " + copy.place().departement() + " — Territoire : " + copy.place().territory(),
        new Font(Font.HELVETICA, size - 2, Font.NORMAL, Color.DARK_GRAY), 0));
    Paragraph title = line(TITLE, new Font(Font.HELVETICA, size + 12, Font.BOLD, ACCENT), 2);
    title.setSpacingBefore(6);
    add(document, title);
    add(document, line("Ce document est pour vous. Il dit où en est votre accompagnement. Gardez-le.", text, 2));
    add(document, line("Mis à jour le " + Labels.day(copy.editedOn()) + ". Numéro de dossier : " + copy.caseReference()
        + " (à donner si vous appelez).", new Font(Font.HELVETICA, size - 2, Font.NORMAL, Color.DARK_GRAY), 4));

    section(document, "Votre référent");
    PersonCopy.Coordinator coordinator = copy.coordinator();
    if (coordinator == null || coordinator.name() == null) {
      add(document, line("Votre référent n'est pas encore désigné.", text, 2));
    } else {
      Paragraph who = new Paragraph();
      who.add(new Chunk("Votre référent de parcours est ", text));
      who.add(new Chunk(coordinator.name(), strong));
      who.add(new Chunk(coordinator.organisation() == null ? "." : " (" + coordinator.organisation() + ").", text));
      add(document, spaced(who, 2));
      add(document, line("C'est la personne à contacter en premier. Il ou elle coordonne votre accompagnement "
          + "avec les autres professionnels.", text, 2));
      if (coordinator.email() != null) {
        Paragraph reach = new Paragraph();
        reach.add(new Chunk("Pour le joindre : ", text));
        reach.add(new Chunk(coordinator.email(), strong));
        add(document, spaced(reach, 2));
      }
    }

    section(document, "Vos objectifs");
    if (copy.objectives().isEmpty()) {
      add(document, line("Vous écrirez vos objectifs avec votre référent.", text, 2));
    } else {
      List<PersonCopy.Objective> shown = copy.objectives().stream().limit(MAX_OBJECTIVES).toList();
      for (PersonCopy.Objective objective : shown) {
        Paragraph item = new Paragraph();
        item.add(new Chunk("•  " + sentence(objective.label()), strong));
        List<String> details = new ArrayList<>();
        if (objective.dueDate() != null && !objective.dueDate().isBlank()) {
          details.add("Avant le " + Labels.isoDay(objective.dueDate()) + ".");
        }
        if (objective.helper() != null && !objective.helper().isBlank()) {
          details.add("Avec : " + objective.helper() + ".");
        }
        String status = status(objective.status());
        if (status != null) {
          details.add(status);
        }
        if (!details.isEmpty()) {
          item.add(new Chunk(" " + String.join(" ", details), text));
        }
        item.setIndentationLeft(8);
        add(document, spaced(item, 2));
      }
      int others = copy.objectives().size() - shown.size();
      if (others > 0) {
        add(document, line("Et " + others + (others > 1 ? " autres objectifs" : " autre objectif")
            + " : votre référent vous les donne.", text, 2));
      }
    }

    section(document, "Vos prochains rendez-vous");
    if (copy.endedOn() != null) {
      add(document, line("Votre accompagnement est terminé depuis le " + Labels.day(copy.endedOn()) + ".", text, 2));
    } else if (copy.nextSteps().isEmpty()) {
      add(document, line("Votre référent vous dira la date du prochain rendez-vous.", text, 2));
    } else {
      for (PersonCopy.NextStep step : copy.nextSteps()) {
        Paragraph item = new Paragraph();
        item.add(new Chunk("•  " + step.what(), text));
        if (step.when() != null) {
          item.add(new Chunk(step.exactTime() ? " : le " + Labels.dayAndTime(step.when()) + "."
              : " : vers le " + Labels.day(step.when()) + ".", strong));
        }
        item.setIndentationLeft(8);
        add(document, spaced(item, 2));
      }
    }

    section(document, "Vous pouvez demander à tout moment");
    ask(document, "Une réunion de synthèse", "les professionnels se réunissent avec vous pour faire le point.");
    ask(document, "Un autre référent", "vous pouvez demander à changer de référent.");
    ask(document, "Un désaccord", "si vous n'êtes pas d'accord, dites-le. Une solution est cherchée avec vous.");
    ask(document, "Arrêter l'accompagnement", "vous pouvez l'arrêter quand vous le voulez.");
    add(document, line("Pour cela, parlez-en à votre référent.", text, 2));

    section(document, "Vos informations personnelles");
    add(document, line("Le Département garde des informations sur votre accompagnement. Vous pouvez les voir, "
        + "les faire corriger ou les faire effacer.", text, 2));
    add(document, line("Elles sont gardées " + copy.retention() + " après la fin de votre accompagnement.", text, 2));
    Contact dpo = copy.dpo();
    List<String> contact = new ArrayList<>();
    if (dpo != null) {
      for (String part : new String[] {dpo.name(), dpo.address(), dpo.email(),
          dpo.phone() == null || dpo.phone().isBlank() ? null : "Téléphone : " + dpo.phone()}) {
        if (part != null && !part.isBlank()) {
          contact.add(part.trim());
        }
      }
    }
    if (contact.isEmpty()) {
      add(document, line("Pour cela, demandez à votre référent comment joindre le délégué à la protection des "
          + "données du Département.", text, 2));
    } else {
      add(document, line("Pour cela, écrivez au délégué à la protection des données du Département :", text, 1));
      for (String part : contact) {
        Paragraph to = new Paragraph(part, strong);
        to.setIndentationLeft(8);
        add(document, spaced(to, 0));
      }
    }
    Paragraph cnil = line("Vous pouvez aussi vous adresser à la CNIL : www.cnil.fr.", text, 0);
    cnil.setSpacingBefore(2);
    add(document, cnil);

    pages = writer.getPageNumber();
    document.close();
    return out.toByteArray();
  }

  private void ask(Document document, String what, String explanation) {
    Paragraph item = new Paragraph();
    item.add(new Chunk("•  " + what + " : ", strong));
    item.add(new Chunk(explanation, text));
    item.setIndentationLeft(8);
    add(document, spaced(item, 1));
  }

  private void section(Document document, String title) {
    Paragraph section = new Paragraph(title, heading);
    section.setSpacingBefore(size * 0.6f);
    section.setSpacingAfter(2);
    add(document, section);
  }

  private Paragraph line(String content, Font font, float after) {
    return spaced(new Paragraph(content, font), after);
  }

  private Paragraph spaced(Paragraph paragraph, float after) {
    paragraph.setLeading(size * 1.25f);
    paragraph.setSpacingAfter(after);
    return paragraph;
  }

  /** The objective as a sentence: capital first, full stop. */
  private static String sentence(String label) {
    String trimmed = label == null ? "" : label.trim();
    if (trimmed.isEmpty()) {
      return "Objectif";
    }
    trimmed = Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
    return trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?") ? trimmed : trimmed + ".";
  }

  private static String status(String code) {
    if (code == null) {
      return null;
    }
    return switch (code) {
      case "in-progress" -> "C'est en cours.";
      case "done" -> "C'est fait.";
      case "abandoned" -> "Cet objectif est arrêté.";
      default -> null;
    };
  }

  private static void add(Document document, Element element) {
    try {
      document.add(element);
    } catch (DocumentException e) {
      throw new IllegalStateException("PDF layout failed", e);
    }
  }
}
