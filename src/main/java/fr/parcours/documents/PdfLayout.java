package fr.parcours.documents;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.Date;
import java.util.List;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.HeaderFooter;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The common layout of the documents handed to the person: A4, the département and territory at
 * the top, a title, the case reference and the date of edition on every page. Fonts are the PDF
 * standard Helvetica in WinAnsi encoding, which covers French.
 */
final class PdfLayout {

  private static final Color ACCENT = new Color(0x1f, 0x3a, 0x5f);
  private static final Color SHADE = new Color(0xee, 0xf1, 0xf5);
  static final Font HEADER = new Font(Font.HELVETICA, 10, Font.NORMAL, Color.DARK_GRAY);
  static final Font TITLE = new Font(Font.HELVETICA, 18, Font.BOLD, ACCENT);
  static final Font SECTION = new Font(Font.HELVETICA, 13, Font.BOLD, ACCENT);
  static final Font LABEL = new Font(Font.HELVETICA, 10, Font.BOLD);
  static final Font TEXT = new Font(Font.HELVETICA, 10, Font.NORMAL);
  static final Font EMPHASIS = new Font(Font.HELVETICA, 12, Font.BOLD);
  static final Font SMALL = new Font(Font.HELVETICA, 8, Font.NORMAL, Color.DARK_GRAY);

  private final Document document = new Document(PageSize.A4, 56, 56, 56, 64);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  PdfLayout(String title, Place place, String caseReference, Date editedOn) {
    PdfWriter.getInstance(document, out);
    document.addTitle(title + " — " + caseReference);
    document.addCreator("Parcours — démarche du référent de parcours");
    document.addAuthor("Département " + place.departement());
    HeaderFooter footer = new HeaderFooter(new Phrase("Dossier " + caseReference + " — document édité le "
        + Labels.day(editedOn) + " — page ", SMALL), true);
    footer.setAlignment(Element.ALIGN_CENTER);
    footer.setBorder(Rectangle.TOP);
    document.setFooter(footer);
    document.open();
    add(new Paragraph("Département : " + place.departement() + " — Territoire : " + place.territory(), HEADER));
    add(new Paragraph("Démarche du référent de parcours", HEADER));
    Paragraph heading = new Paragraph(title, TITLE);
    heading.setSpacingBefore(18);
    heading.setSpacingAfter(12);
    add(heading);
  }

  /** Label / value rows; rows without a value are left out. */
  void facts(List<String[]> rows) {
    PdfPTable table = new PdfPTable(new float[] {1.2f, 2.8f});
    table.setWidthPercentage(100);
    table.setSpacingAfter(10);
    for (String[] row : rows) {
      if (row[1] == null || row[1].isBlank()) {
        continue;
      }
      PdfPCell label = new PdfPCell(new Phrase(row[0], LABEL));
      label.setBackgroundColor(SHADE);
      label.setPadding(5);
      table.addCell(label);
      PdfPCell value = new PdfPCell(new Phrase(row[1], TEXT));
      value.setPadding(5);
      table.addCell(value);
    }
    add(table);
  }

  void section(String title) {
    Paragraph section = new Paragraph(title, SECTION);
    section.setSpacingBefore(10);
    section.setSpacingAfter(6);
    add(section);
  }

  /** A table with a shaded header row; the columns' relative widths. */
  void table(float[] widths, String[] header, List<String[]> rows) {
    PdfPTable table = new PdfPTable(widths);
    table.setWidthPercentage(100);
    table.setHeaderRows(1);
    table.setSpacingAfter(10);
    for (String column : header) {
      PdfPCell cell = new PdfPCell(new Phrase(column, LABEL));
      cell.setBackgroundColor(SHADE);
      cell.setPadding(5);
      table.addCell(cell);
    }
    for (String[] row : rows) {
      for (String value : row) {
        PdfPCell cell = new PdfPCell(new Phrase(value == null ? "" : value, TEXT));
        cell.setPadding(5);
        table.addCell(cell);
      }
    }
    add(table);
  }

  void text(String text) {
    Paragraph paragraph = new Paragraph(text, TEXT);
    paragraph.setSpacingAfter(6);
    add(paragraph);
  }

  void emphasis(String text) {
    Paragraph paragraph = new Paragraph(text, EMPHASIS);
    paragraph.setSpacingAfter(8);
    add(paragraph);
  }

  void labelledText(String label, String text) {
    Paragraph paragraph = new Paragraph();
    paragraph.add(new Chunk(label + " : ", LABEL));
    paragraph.add(new Chunk(text, TEXT));
    paragraph.setSpacingAfter(6);
    add(paragraph);
  }

  byte[] finish() {
    document.close();
    return out.toByteArray();
  }

  private void add(Element element) {
    try {
      document.add(element);
    } catch (DocumentException e) {
      throw new IllegalStateException("PDF layout failed", e);
    }
  }
}
