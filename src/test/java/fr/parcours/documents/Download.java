package fr.parcours.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

/** A document of a case downloaded over HTTP Basic as a demo user ({@code null}: anonymous), and what it says. */
record Download(HttpResponse<byte[]> response) {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static Download of(int port, String user, String reference, String document) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/cases/" + reference + "/documents/" + document)).GET();
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return new Download(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Keeps the document under target/documents, to look at it (the README's picture of it is made from there). */
  Download keep(String fileName) {
    try {
      java.nio.file.Path kept = java.nio.file.Path.of("target", "documents", fileName);
      java.nio.file.Files.createDirectories(kept.getParent());
      java.nio.file.Files.write(kept, response.body());
      return this;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  String disposition() {
    return response.headers().firstValue("Content-Disposition").orElse("");
  }

  String text() {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  int pages() {
    try (PdfReader reader = new PdfReader(response.body())) {
      return reader.getNumberOfPages();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text of every page, as a reader of the PDF would extract it. */
  String pdfText() {
    assertThat(status()).as(text()).isEqualTo(200);
    try (PdfReader reader = new PdfReader(response.body())) {
      PdfTextExtractor extractor = new PdfTextExtractor(reader);
      StringBuilder text = new StringBuilder();
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        text.append(extractor.getTextFromPage(page)).append('\n');
      }
      assertThat(reader.getPageSize(1).getWidth()).as("A4").isEqualTo(595f);
      return text.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
