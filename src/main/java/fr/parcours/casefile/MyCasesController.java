package fr.parcours.casefile;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * « Mes parcours » for REST clients (HTTP Basic, as {@code /engine-rest}):
 * {@code GET /api/cases?search=&page=&size=} → the caller's open cases ({@link MyCases}).
 */
@RestController
@RequestMapping("/api/cases")
public class MyCasesController {

  private final MyCases myCases;
  private final IdentityService identityService;

  MyCasesController(MyCases myCases, @Lazy IdentityService identityService) {
    this.myCases = myCases;
    this.identityService = identityService;
  }

  @GetMapping
  public Map<String, Object> list(@RequestParam(required = false) String search,
      @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
    return myCases.list(identityService.getCurrentAuthentication(), search, page, size);
  }
}
