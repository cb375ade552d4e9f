package fr.parcours.indicators;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.parcours.indicators.IndicatorsEndpoint.Answer;
import fr.parcours.web.Refusal;

/**
 * {@code GET /api/indicators?tenant=&territory=&from=&to=}: the national follow-up indicators and
 * the operational figures, JSON by default, CSV with {@code Accept: text/csv} (or
 * {@code format=csv}, for a download link). {@code GET /api/indicators/trend?tenant=&territory=&indicator=&months=}:
 * one indicator month by month. {@code GET /api/indicators/territories?tenant=&from=&to=}: the report of every
 * territory of the département, in one request. {@code GET /api/indicators/scope}: the départements
 * and territories the caller may ask for. HTTP Basic, as the engine REST API
 * ({@code RestApiSecurity}); rules in {@link IndicatorsEndpoint}.
 */
@RestController
@RequestMapping("/api/indicators")
public class IndicatorsController {

  private final IndicatorsEndpoint endpoint;
  private final IdentityService identityService;

  public IndicatorsController(IndicatorsEndpoint endpoint, @Lazy IdentityService identityService) {
    this.endpoint = endpoint;
    this.identityService = identityService;
  }

  @GetMapping
  public ResponseEntity<byte[]> indicators(@RequestParam(required = false) String tenant,
      @RequestParam(required = false) String territory, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    boolean csv;
    try {
      csv = wantsCsv(format, accept);
    } catch (Refusal refused) {
      return respond(endpoint.error(refused));
    }
    return respond(endpoint.report(identityService.getCurrentAuthentication(), tenant, territory, from, to, csv));
  }

  @GetMapping("/trend")
  public ResponseEntity<byte[]> trend(@RequestParam(required = false) String tenant,
      @RequestParam(required = false) String territory, @RequestParam(required = false) String indicator,
      @RequestParam(required = false) String months) {
    return respond(endpoint.trend(identityService.getCurrentAuthentication(), tenant, territory, indicator, months));
  }

  @GetMapping("/territories")
  public ResponseEntity<byte[]> territories(@RequestParam(required = false) String tenant,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    return respond(endpoint.byTerritory(identityService.getCurrentAuthentication(), tenant, from, to));
  }

  @GetMapping("/scope")
  public ResponseEntity<byte[]> scope() {
    return respond(endpoint.scope(identityService.getCurrentAuthentication()));
  }

  /** CSV when asked by {@code format=csv}, or when the Accept header prefers text/csv to JSON. */
  static boolean wantsCsv(String format, String accept) {
    if (format != null && !format.isBlank()) {
      if (!"csv".equalsIgnoreCase(format.trim()) && !"json".equalsIgnoreCase(format.trim())) {
        throw Refusal.badRequest("Paramètres invalides : format : « " + format + " » inconnu (csv ou json).");
      }
      return "csv".equalsIgnoreCase(format.trim());
    }
    if (accept == null) {
      return false;
    }
    List<MediaType> types;
    try {
      types = new ArrayList<>(MediaType.parseMediaTypes(accept));
    } catch (InvalidMediaTypeException unreadable) {
      return false;
    }
    types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
    for (MediaType type : types) {
      if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
        return true;
      }
      if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
        return false;
      }
    }
    return false;
  }

  static ResponseEntity<byte[]> respond(Answer answer) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
        .contentType(MediaType.parseMediaType(answer.contentType()));
    if (answer.filename() != null) {
      response.header(HttpHeaders.CONTENT_DISPOSITION,
          ContentDisposition.attachment().filename(answer.filename(), StandardCharsets.UTF_8).build().toString());
    }
    return response.body(answer.body());
  }
}
