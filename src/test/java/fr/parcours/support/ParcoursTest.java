package fr.parcours.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application as it runs, on a random port, on the database the suite was started for.
 * All tests share one application context (and one database): they create their own cases and
 * never assume an empty engine.
 * Process test coverage: the coverage extension's engine plugin is part of that one context, so
 * every test class reports the flow nodes it reached (target/process-test-coverage/).
 * Notifications: an SMTP server in the same context receives the e-mails ({@link TestMailServer}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
@AutoConfigureObservability(tracing = false)
@Import({ProcessEngineCoverageConfiguration.class, TestMailServer.class})
public @interface ParcoursTest {}
