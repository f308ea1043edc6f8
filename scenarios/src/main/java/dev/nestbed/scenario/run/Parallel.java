package dev.nestbed.scenario.run;

import dev.nestbed.core.NestbedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one action per item at the same time and waits for all. The first failure is thrown with the
 * others suppressed; an interrupt cancels the rest.
 */
final class Parallel {
  /** One item's work. */
  @FunctionalInterface
  interface Body<T> {
    void run(T item) throws Exception;
  }

  private Parallel() {}

  static <T> void forEach(List<T> items, Body<T> body) throws InterruptedException {
    if (items.size() == 1) {
      runOne(items.get(0), body);
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, items.size()),
            r -> {
              Thread t = new Thread(r, "parallel");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(
            pool.submit(
                () -> {
                  runOne(item, body);
                  return null;
                }));
      }
      RuntimeException first = null;
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          Throwable failed = Objects.requireNonNullElse(e.getCause(), e);
          RuntimeException cause =
              failed instanceof RuntimeException r ? r : NestbedException.of(failed);
          if (first == null) {
            first = cause;
          } else {
            first.addSuppressed(cause);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> void runOne(T item, Body<T> body) {
    try {
      body.run(item);
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NestbedException("interrupted", null, e);
    } catch (Exception e) {
      throw NestbedException.of(e);
    }
  }
}
