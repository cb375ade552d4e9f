package fr.parcours.documents;

import java.util.function.Supplier;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads of the documents of a case (HTTP Basic, as the REST API), see {@link CaseDocuments}:
 * <ul>
 * <li>{@code GET /api/cases/{businessKey}/documents/agreement.pdf}: the signed agreement;</li>
 * <li>{@code GET /api/cases/{businessKey}/documents/committee-decision.pdf[?sitting=<taskId>]}: the
 * decision of the latest (or a given) sitting of the technical committee.</li>
 * <li>{@code GET /api/cases/{businessKey}/documents/mon-parcours.pdf}: « Mon parcours », the
 * person's own copy of their plan, from the signature of the agreement on.</li>
 * </ul>
 * 404 for a case the caller may not read, 409 while the document does not exist yet, with a French
 * message. File names are the case reference, which is plain ASCII: {@code RP-2026-000123-contrat.pdf}.
 */
@RestController
@RequestMapping("/api/cases")
public class CaseDocumentsController {

  private final CaseDocuments documents;

  public CaseDocumentsController(CaseDocuments documents) {
    this.documents = documents;
  }

  @GetMapping("/{businessKey}/documents/agreement.pdf")
  public ResponseEntity<byte[]> agreement(@PathVariable String businessKey) {
    return pdf(CaseDocuments.agreementFileName(businessKey), () -> documents.agreement(businessKey));
  }

  @GetMapping("/{businessKey}/documents/committee-decision.pdf")
  public ResponseEntity<byte[]> committeeDecision(@PathVariable String businessKey,
      @RequestParam(required = false) String sitting) {
    return pdf(CaseDocuments.committeeDecisionFileName(businessKey),
        () -> documents.committeeDecision(businessKey, sitting == null || sitting.isBlank() ? null : sitting));
  }

  @GetMapping("/{businessKey}/documents/mon-parcours.pdf")
  public ResponseEntity<byte[]> personCopy(@PathVariable String businessKey) {
    return pdf(CaseDocuments.personCopyFileName(businessKey), () -> documents.personCopy(businessKey));
  }

  private static ResponseEntity<byte[]> pdf(String fileName, Supplier<byte[]> document) {
    byte[] content = document.get(); // a Refusal is answered by RefusalAdvice
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(fileName).build().toString())
        // personal data: not to be kept by shared caches or proxies
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(content);
  }
}
