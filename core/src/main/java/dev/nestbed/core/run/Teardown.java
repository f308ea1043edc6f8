package dev.nestbed.core.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undo actions registered while things are created, run in reverse order on {@link #close()}. Every
 * action runs even when an earlier one fails; the first failure is thrown with the others attached
 * as suppressed, so nothing is left behind because something else broke first.
 */
public final class Teardown implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Teardown.class);

  /** One undo action; may throw anything. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  private record Named(String what, Action action) {}

  private final Deque<Named> actions = new ArrayDeque<>();

  /** Registers an undo action; {@code what} names it in logs and errors ("stop libvirtd of n1"). */
  public synchronized void add(String what, Action action) {
    actions.push(new Named(what, action));
  }

  /** Runs all registered actions, last registered first, and forgets them. */
  @Override
  public void close() {
    RuntimeException first = null;
    while (true) {
      Named next;
      synchronized (this) {
        next = actions.poll();
      }
      if (next == null) {
        break;
      }
      try {
        log.debug("teardown: {}", next.what());
        next.action().run();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        RuntimeException failure = new TeardownException(next.what(), e);
        log.warn("teardown step failed: {}: {}", next.what(), e.getMessage());
        if (first == null) {
          first = failure;
        } else {
          first.addSuppressed(failure);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Runs {@code action}, and if it throws, tears down and rethrows with teardown failures
   * suppressed.
   */
  public static <T> T orTearDown(Teardown teardown, java.util.concurrent.Callable<T> action) {
    try {
      return action.call();
    } catch (Exception e) {
      try {
        teardown.close();
      } catch (RuntimeException cleanupFailure) {
        e.addSuppressed(cleanupFailure);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new dev.nestbed.core.NestbedException(
          Objects.requireNonNullElse(e.getMessage(), dev.nestbed.core.NestbedException.describe(e)),
          null,
          e);
    }
  }

  /** A teardown step that failed; names the step. */
  public static final class TeardownException extends dev.nestbed.core.NestbedException {
    TeardownException(String what, Throwable cause) {
      super(
          "teardown could not " + what + ": " + cause.getMessage(),
          "run 'nestbed clean' to remove what is left",
          cause);
    }
  }
}
