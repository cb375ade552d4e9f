package fr.parcours.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

/** Runs cases for a fixed time on a number of client threads, and counts them. */
final class Measured {

  private Measured() {}

  /** Cases and user tasks completed in {@code seconds} on {@code threads} threads, and the errors. */
  record Round(int threads, double seconds, long cases, long tasks, long errors, String firstError) {
    double casesPerSecond() {
      return cases / seconds;
    }

    double tasksPerSecond() {
      return tasks / seconds;
    }
  }

  /**
   * Each thread runs one case after the other until the time is up ({@code oneCase} gets the
   * thread's case number and returns the tasks it completed); the cases under way at the deadline
   * finish and count, the time counted is the time until the last one finished.
   */
  static Round run(int threads, int seconds, IntUnaryOperator oneCase) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong cases = new AtomicLong();
    AtomicLong tasks = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<String> firstError = new ArrayList<>();
    AtomicInteger counter = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(threads);
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          while (System.nanoTime() < deadline) {
            try {
              tasks.addAndGet(oneCase.applyAsInt(counter.getAndIncrement()));
              cases.incrementAndGet();
            } catch (RuntimeException e) {
              errors.incrementAndGet();
              synchronized (firstError) {
                if (firstError.isEmpty()) {
                  firstError.add(e.toString());
                  e.printStackTrace();
                }
              }
            }
          }
        } finally {
          done.countDown();
        }
      }, "bench-client-" + t);
      thread.start();
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Round(threads, elapsed, cases.get(), tasks.get(), errors.get(),
        firstError.isEmpty() ? null : firstError.get(0));
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The value at that percentile (nearest rank) of the values. */
  static double percentile(List<Double> values, double percentile) {
    List<Double> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
