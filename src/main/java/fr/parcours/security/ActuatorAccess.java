package fr.parcours.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import fr.parcours.identity.Groups;

/**
 * The nodes' actuator endpoints are for operators. Anyone may ask whether a node is up
 * ({@code /actuator/health}: the status and its components' status, what load balancers and
 * container health checks read); the health details and everything else (metrics, Prometheus, info)
 * need HTTP Basic credentials of a member of {@code camunda-admin} (401 without, 403 for anyone
 * else). The servlet path is already normalised here: {@code /actuator;x/prometheus} is
 * {@code /actuator/prometheus}.
 */
@Configuration
public class ActuatorAccess {

  @Bean
  public FilterRegistrationBean<Filter> actuatorAccessFilter(@Lazy IdentityService identityService) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new OperatorsOnly(identityService));
    registration.setName("parcours-actuator-access");
    registration.addUrlPatterns("/actuator", "/actuator/*");
    return registration;
  }

  static final class OperatorsOnly implements Filter {

    private final IdentityService identityService;

    OperatorsOnly(IdentityService identityService) {
      this.identityService = identityService;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      HttpServletResponse response = (HttpServletResponse) res;
      String path = request.getServletPath() + (request.getPathInfo() != null ? request.getPathInfo() : "");
      String operator = operator(request);
      if (operator != null) {
        // the actuator shows the health details to an authenticated caller ("when-authorized")
        chain.doFilter(new HttpServletRequestWrapper(request) {
          @Override
          public Principal getUserPrincipal() {
            return () -> operator;
          }
        }, response);
        return;
      }
      if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
        chain.doFilter(request, response);
        return;
      }
      boolean credentials = request.getHeader("Authorization") != null;
      response.setStatus(credentials ? HttpServletResponse.SC_FORBIDDEN : HttpServletResponse.SC_UNAUTHORIZED);
      if (!credentials) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"parcours-operators\"");
      }
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"status\":" + response.getStatus()
          + ",\"message\":\"Réservé aux opérateurs de la plateforme\"}");
    }

    /** The id of the operator whose Basic credentials the request carries, or null. */
    private String operator(HttpServletRequest request) {
      String header = request.getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      String userId = decoded.substring(0, colon);
      if (!identityService.checkPassword(userId, decoded.substring(colon + 1))) {
        return null;
      }
      boolean admin = identityService.createGroupQuery().groupMember(userId).groupId(Groups.ADMINS).count() > 0;
      return admin ? userId : null;
    }
  }
}
