package fr.parcours.indicators;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.parcours.identity.Departements;
import fr.parcours.identity.Groups;
import fr.parcours.web.Refusal;

/**
 * The indicators as served over HTTP, whoever serves them: {@code GET /api/indicators} (HTTP Basic,
 * {@link IndicatorsController}) and the Cockpit plugin (webapp session, {@link IndicatorsCockpitPlugin}).
 * Both pass the caller the engine authenticated; the same rules and the same figures apply:
 * <ul>
 * <li>no caller: 401;</li>
 * <li>neither a pilot (group {@code pilots}) nor an administrator ({@code camunda-admin}): 403;</li>
 * <li>bad parameters: 400 with a French message listing every problem;</li>
 * <li>a pilot asking for a département they are not a member of (tenant membership): 403.</li>
 * </ul>
 */
@Component
public class IndicatorsEndpoint {

  public static final String JSON = "application/json";
  public static final String CSV = "text/csv; charset=UTF-8";
  /** The longest trend asked for: three years, the horizon of the coverage target. */
  public static final int MAX_MONTHS = 36;

  private final IndicatorService service;
  private final Departements departements;
  private final ObjectMapper objectMapper;

  public IndicatorsEndpoint(IndicatorService service, Departements departements, ObjectMapper objectMapper) {
    this.service = service;
    this.departements = departements;
    this.objectMapper = objectMapper;
  }

  /** The indicators, as JSON or as CSV. */
  public Answer report(Authentication caller, String tenant, String territory, String from, String to, boolean csv) {
    try {
      checkReader(caller);
      IndicatorRequest request = IndicatorRequest.parse(tenant, territory, from, to, departements);
      checkTenant(caller, request.tenant());
      IndicatorReport report = service.compute(request);
      if (csv) {
        return new Answer(200, CSV, IndicatorCsv.format(report).getBytes(StandardCharsets.UTF_8),
            IndicatorCsv.filename(report));
      }
      return new Answer(200, JSON, objectMapper.writeValueAsBytes(report), null);
    } catch (Refusal refused) {
      return error(refused);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The report of every territory of a département over a period, in one answer (the plugin's table
   * « Par territoire »). Same callers and parameters as the report, without {@code territory}.
   */
  public Answer byTerritory(Authentication caller, String tenant, String from, String to) {
    try {
      checkReader(caller);
      IndicatorRequest request = IndicatorRequest.parse(tenant, null, from, to, departements);
      checkTenant(caller, request.tenant());
      return new Answer(200, JSON, objectMapper.writeValueAsBytes(service.byTerritory(request)), null);
    } catch (Refusal refused) {
      return error(refused);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One indicator month by month over the last {@code months} months (default 12, at most 36),
   * for a département (all its territories, one series) or one territory. Same callers as the report.
   */
  public Answer trend(Authentication caller, String tenant, String territory, String indicator, String months) {
    try {
      checkReader(caller);
      List<String> problems = new ArrayList<>();
      IndicatorRequest request = null;
      try {
        request = IndicatorRequest.parse(tenant, territory, null, null, departements);
      } catch (Refusal refused) {
        problems.add(refused.getMessage().replaceFirst("^Paramètres invalides : ", "").replaceFirst("\\.$", ""));
      }
      String code = indicator == null || indicator.isBlank() ? null : indicator.trim();
      if (code == null) {
        problems.add("indicator est obligatoire : l'indicateur, parmi " + String.join(", ", IndicatorService.CODES));
      } else if (!IndicatorService.CODES.contains(code)) {
        problems.add("indicator : indicateur inconnu « " + code + " » (indicateurs : "
            + String.join(", ", IndicatorService.CODES) + ")");
      }
      int count = 12;
      if (months != null && !months.isBlank()) {
        try {
          count = Integer.parseInt(months.trim());
        } catch (NumberFormatException e) {
          count = -1;
        }
        if (count < 1 || count > MAX_MONTHS) {
          problems.add("months : « " + months + " » n'est pas un nombre de mois entre 1 et " + MAX_MONTHS);
        }
      }
      if (!problems.isEmpty()) {
        throw Refusal.badRequest("Paramètres invalides : " + String.join(" ; ", problems) + ".");
      }
      checkTenant(caller, request.tenant());
      IndicatorTrend trend = service.trend(request.tenant(), request.territory(), code, count);
      return new Answer(200, JSON, objectMapper.writeValueAsBytes(trend), null);
    } catch (Refusal refused) {
      return error(refused);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The départements (and their territories) the caller may read the indicators of. */
  public Answer scope(Authentication caller) {
    try {
      checkReader(caller);
      List<String> readable = readableTenants(caller);
      List<Map<String, Object>> tenants = departements.tenants().entrySet().stream()
          .filter(e -> readable.contains(e.getKey()))
          .map(e -> {
            Map<String, Object> tenant = new LinkedHashMap<>();
            tenant.put("id", e.getKey());
            tenant.put("name", e.getValue().name());
            tenant.put("population", e.getValue().population());
            tenant.put("territories", e.getValue().territories().entrySet().stream().map(t -> {
              Map<String, Object> territory = new LinkedHashMap<>();
              territory.put("code", t.getKey());
              territory.put("name", t.getValue().name());
              territory.put("population", t.getValue().population());
              return territory;
            }).toList());
            return tenant;
          })
          .toList();
      return new Answer(200, JSON, objectMapper.writeValueAsBytes(Map.of("tenants", tenants)), null);
    } catch (Refusal refused) {
      return error(refused);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void checkReader(Authentication caller) {
    if (caller == null || caller.getUserId() == null) {
      throw Refusal.unauthorized();
    }
    if (!isAdmin(caller) && !isPilot(caller)) {
      throw Refusal.forbidden("Les indicateurs sont réservés aux pilotes de la démarche (groupe "
          + Groups.PILOTS + ") et aux administrateurs.");
    }
  }

  private void checkTenant(Authentication caller, String tenant) {
    if (!readableTenants(caller).contains(tenant)) {
      throw Refusal.forbidden("Vous n'êtes pas pilote du département « "
          + departements.tenants().get(tenant).name() + " » : ses indicateurs ne vous sont pas ouverts.");
    }
  }

  /** Administrators read every département; a pilot reads the départements they are a member of. */
  private List<String> readableTenants(Authentication caller) {
    if (isAdmin(caller)) {
      return List.copyOf(departements.tenants().keySet());
    }
    List<String> memberships = caller.getTenantIds() == null ? List.of() : caller.getTenantIds();
    return departements.tenants().keySet().stream().filter(memberships::contains).toList();
  }

  private static boolean isAdmin(Authentication caller) {
    return caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.ADMINS);
  }

  private static boolean isPilot(Authentication caller) {
    return caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.PILOTS);
  }

  /** The answer to a refused request: its status and its JSON body. */
  public Answer error(Refusal refused) {
    try {
      return new Answer(refused.status(), JSON, objectMapper.writeValueAsBytes(refused.body()), null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Status, content type, body, and the file name of a download (CSV) or null. */
  public record Answer(int status, String contentType, byte[] body, String filename) {}
}
