package fr.parcours.tasklist;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes forms with dynamic lists submittable in Tasklist 7.24. Its form-js (1.8.7) leaves an empty
 * entry in the form's errors once a field inside a dynamic list is edited (form-js issue #1494),
 * and Tasklist counts the keys of that object to decide whether the form is valid: the Start and
 * Complete buttons then stay disabled although every field is valid. This serves Tasklist's
 * bootstrap script with that single check replaced by one that counts actual error messages.
 * When a Camunda version no longer contains the faulty check, the original script is served
 * unchanged and a warning is logged.
 */
@Configuration
public class FormValidationFix {

  private static final Logger LOG = LoggerFactory.getLogger(FormValidationFix.class);

  static final String SCRIPT = "META-INF/resources/webjars/camunda/app/tasklist/camunda-tasklist-bootstrap.js";
  static final String FAULTY_CHECK = "var t=!!Object.keys(e.errors).length;h.notifyFormValidated(t)";
  static final String FIXED_CHECK = "var t=function hasMessage(x){return typeof x===\"string\"||(Array.isArray(x)"
      + "?x.some(hasMessage):!!x&&typeof x===\"object\"&&Object.values(x).some(hasMessage))}(e.errors);"
      + "h.notifyFormValidated(t)";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> tasklistFormValidationFix(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    byte[] fixed = fixedScript();
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (fixed == null || !"GET".equals(request.getMethod())) {
          chain.doFilter(request, response);
          return;
        }
        response.setContentType("application/javascript;charset=UTF-8");
        response.setContentLength(fixed.length);
        response.getOutputStream().write(fixed);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("tasklist-form-validation-fix");
    registration.addUrlPatterns(webappPath + "/app/tasklist/camunda-tasklist-bootstrap.js");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** The bootstrap script with the check replaced, or null to serve the original. */
  static byte[] fixedScript() {
    try (InputStream in = FormValidationFix.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) {
        LOG.warn("Tasklist script {} not found: form validation fix not applied", SCRIPT);
        return null;
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!script.contains(FAULTY_CHECK)) {
        LOG.warn("Tasklist no longer contains the dynamic-list validation check: fix not applied, check forms with lists");
        return null;
      }
      return script.replace(FAULTY_CHECK, FIXED_CHECK).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + SCRIPT, e);
    }
  }
}
