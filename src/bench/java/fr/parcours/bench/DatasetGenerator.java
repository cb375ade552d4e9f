package fr.parcours.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.parcours.support.Cases;

/**
 * Generates the large data sets through the engine's API, in batches (one transaction per batch of
 * cases, a few threads), with every listener of the application on: the grants of each case, its
 * tasks and the figures for the indicators are made as in production. Shortcut: a case starts at a
 * late activity ({@code startBeforeActivity}) with the variables the earlier steps would have
 * written, instead of being driven step by step.
 */
final class DatasetGenerator {

  /** The ten territories of the benchmark profile (seven of the demo, three of application-bench.yaml). */
  static final List<String> TERRITORIES = List.of("artois", "audomarois", "lens-lievin", "montreuillois",
      "boulonnais", "calaisis", "ternois", "strasbourg", "saverne", "haguenau");

  private final ProcessEngine engine;
  private final TransactionTemplate transactions;
  private final int threads;
  private final int batchSize;
  private final Runnable maintenance;
  private final int maintenanceEvery;

  /**
   * {@code maintenance} runs every {@code maintenanceEvery} cases and at the end of a generation:
   * what the database's own housekeeping would have done to tables that grow over months
   * (PostgreSQL: {@code VACUUM ANALYZE}, see {@link EngineBench}).
   */
  DatasetGenerator(ProcessEngine engine, PlatformTransactionManager transactionManager, int threads, int batchSize,
      Runnable maintenance, int maintenanceEvery) {
    this.engine = engine;
    this.transactions = new TransactionTemplate(transactionManager);
    this.threads = threads;
    this.batchSize = batchSize;
    this.maintenance = maintenance;
    this.maintenanceEvery = maintenanceEvery;
  }

  /** What a generation took. */
  record Generated(int cases, double seconds) {
    double perSecond() {
      return cases / seconds;
    }
  }

  /**
   * Open cases, one territory after the other: half waiting for consent, three in ten for the
   * diagnostic (social workers' team tasks), two in ten in follow-up (the référent's task).
   */
  Generated openCases(String prefix, int count) {
    return generate(count, (runtime, i) -> {
      String territory = TERRITORIES.get(i % TERRITORIES.size());
      int kind = (i / TERRITORIES.size()) % 10;
      String step = kind < 5 ? "recordConsent" : kind < 8 ? "globalDiagnostic" : "coordinatePathway";
      String key = "%s-O-%07d".formatted(prefix, i);
      VariableMap variables = referral(key, territory);
      if (!"recordConsent".equals(step)) {
        variables.putAll(Cases.consent(true, "ts2." + territory));
      }
      if ("coordinatePathway".equals(step)) {
        variables.putAll(Cases.diagnostic());
        variables.putValue("committeeDecision", "admit").putValue("coordinatorId", "ts2." + territory)
            .putValue("agreementSigned", true).putValue("agreementDate", "2026-12-01");
      }
      runtime.createProcessInstanceByKey("pathway").businessKey(key).setVariables(variables)
          .startBeforeActivity(step).execute();
    });
  }

  /**
   * Completed cases: each starts at the agreement (the admission is recorded as when the committee
   * admits), then goes straight to the end event {@code pathwayCompleted} (its listeners record the
   * outcome); seven in ten with a positive evolution.
   */
  Generated completedCases(String prefix, int count) {
    return generate(count, (runtime, i) -> {
      String territory = TERRITORIES.get(i % TERRITORIES.size());
      String key = "%s-C-%07d".formatted(prefix, i);
      VariableMap variables = referral(key, territory);
      variables.putAll(Cases.consent(true, "ts2." + territory));
      variables.putAll(Cases.diagnostic());
      variables.putValue("committeeDecision", "close").putValue("coordinatorId", "ts2." + territory)
          .putValue("agreementSigned", true).putValue("agreementDate", "2026-12-01");
      variables.putAll(Cases.sharedReview((i / TERRITORIES.size()) % 10 < 7 ? "[\"employment\"]" : "[\"none\"]", "close", null));
      ProcessInstance pathway = runtime.createProcessInstanceByKey("pathway").businessKey(key).setVariables(variables)
          .startBeforeActivity("signAgreement").execute();
      runtime.createProcessInstanceModification(pathway.getId())
          .startBeforeActivity("pathwayCompleted")
          .cancelAllForActivity("signAgreement")
          .execute();
    });
  }

  private static VariableMap referral(String key, String territory) {
    return Cases.referral(territory).putValue("personRef", key).putValue("caseReference", key)
        .putValue("personLabel", "Personne fictive");
  }

  private interface OneCase {
    void create(RuntimeService runtime, int index) throws Exception;
  }

  private Generated generate(int count, OneCase oneCase) {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger done = new AtomicInteger();
    List<Future<?>> batches = new ArrayList<>();
    for (int from = 0; from < count; from += batchSize) {
      int first = from;
      int last = Math.min(count, from + batchSize);
      batches.add(pool.submit(() -> {
        transactions.executeWithoutResult(status -> {
          for (int i = first; i < last; i++) {
            try {
              oneCase.create(engine.getRuntimeService(), i);
            } catch (RuntimeException e) {
              throw e;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        });
        int total = done.addAndGet(last - first);
        if (total % Math.max(batchSize, count / 20 / batchSize * batchSize) == 0 || total == count) {
          System.out.printf("  %d/%d cases, %.0f s%n", total, count, (System.nanoTime() - start) / 1e9);
        }
        if (total / maintenanceEvery != (total - (last - first)) / maintenanceEvery) {
          maintain();
        }
        return null;
      }));
    }
    try {
      for (Future<?> batch : batches) {
        batch.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("Generation failed", e);
    } finally {
      pool.shutdownNow();
    }
    maintain();
    return new Generated(count, (System.nanoTime() - start) / 1e9);
  }

  private synchronized void maintain() {
    long t0 = System.nanoTime();
    maintenance.run();
    System.out.printf("  database maintenance: %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }
}
