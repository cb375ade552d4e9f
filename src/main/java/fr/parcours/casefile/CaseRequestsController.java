package fr.parcours.casefile;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.parcours.web.Refusal;

/**
 * The follow-up requests over REST (HTTP Basic, as {@code /engine-rest}), see {@link CaseRequests}:
 * <ul>
 * <li>{@code GET /api/cases/{businessKey}/requests}: the request types and whether the caller may send
 * each now, with the reason when not;</li>
 * <li>{@code POST /api/cases/{businessKey}/requests} {@code {"type", "reason", "requestedBy", "exitReason"}}:
 * 201 {@code {"id", "type"}}; 400, 403, 404 or 409 with a French message.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/cases")
public class CaseRequestsController {

  private final CaseRequests requests;
  private final IdentityService identityService;

  CaseRequestsController(CaseRequests requests, @Lazy IdentityService identityService) {
    this.requests = requests;
    this.identityService = identityService;
  }

  @GetMapping("/{businessKey}/requests")
  public Map<String, Object> offered(@PathVariable String businessKey) {
    return requests.offered(identityService.getCurrentAuthentication(), businessKey);
  }

  @PostMapping("/{businessKey}/requests")
  public ResponseEntity<Map<String, Object>> make(@PathVariable String businessKey,
      @RequestBody(required = false) Map<String, Object> body) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(requests.make(identityService.getCurrentAuthentication(), businessKey, body));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable() {
    Refusal refused = Refusal.badRequest("La demande n'a pas pu être lue : envoyez un objet JSON "
        + "{\"type\": …, \"reason\": \"…\", \"requestedBy\": …, \"exitReason\": …}.");
    return ResponseEntity.status(refused.status()).body(refused.body());
  }
}
