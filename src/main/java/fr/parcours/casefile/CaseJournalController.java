package fr.parcours.casefile;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.parcours.web.Refusal;

/**
 * The case journal for REST clients (HTTP Basic, as {@code /engine-rest}):
 * {@code GET /api/cases/{businessKey}/journal} (notes, newest first) and
 * {@code POST /api/cases/{businessKey}/journal} {@code {"message": "..."}}, with the same rules as the
 * Tasklist plugin ({@link CaseFiles}).
 */
@RestController
@RequestMapping("/api/cases")
public class CaseJournalController {

  private final CaseFiles caseFiles;
  private final IdentityService identityService;

  CaseJournalController(CaseFiles caseFiles, IdentityService identityService) {
    this.caseFiles = caseFiles;
    this.identityService = identityService;
  }

  @GetMapping("/{businessKey}/journal")
  public List<Map<String, Object>> journal(@PathVariable String businessKey) {
    return caseFiles.journal(identityService.getCurrentAuthentication(), businessKey);
  }

  @PostMapping("/{businessKey}/journal")
  public Map<String, Object> addNote(@PathVariable String businessKey, @RequestBody(required = false) Map<String, Object> body) {
    Object message = body == null ? null : body.get("message");
    return caseFiles.addNote(identityService.getCurrentAuthentication(), businessKey,
        message instanceof String text ? text : null);
  }

  @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable() {
    Refusal refused = Refusal.badRequest("La note n'a pas pu être lue : envoyez {\"message\": \"…\"}.");
    return ResponseEntity.status(refused.status()).body(refused.body());
  }
}
