package fr.parcours.security;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Answers of the APIs carry the cases' personal data (the person's label, diagnosis, interveners…):
 * no browser, proxy or shared cache may keep them ({@code Cache-Control: no-store}). Applies to the
 * application's API, the engine REST API and the webapps' own API (Tasklist, Cockpit, plugins); a
 * resource that sets its own cache header (the engine REST API says {@code no-cache} on some) does
 * not weaken it.
 */
@Configuration
public class NoStoreResponses {

  static final String CACHE_CONTROL = "Cache-Control";

  @Bean
  public FilterRegistrationBean<Filter> noStoreFilter() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setHeader(CACHE_CONTROL, "no-store");
      http.setHeader("Pragma", "no-cache");
      chain.doFilter(request, new NoStore(http));
    });
    registration.setName("parcours-no-store");
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
    return registration;
  }

  /** Keeps {@code no-store} whatever the resource sets. */
  static final class NoStore extends HttpServletResponseWrapper {

    NoStore(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setHeader(String name, String value) {
      if (!CACHE_CONTROL.equalsIgnoreCase(name)) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!CACHE_CONTROL.equalsIgnoreCase(name)) {
        super.addHeader(name, value);
      }
    }
  }
}
