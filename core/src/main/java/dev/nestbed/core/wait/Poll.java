package dev.nestbed.core.wait;

import dev.nestbed.core.NestbedException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waiting the one way nestbed waits: a deadline, a poll interval, and a fail-fast condition that
 * ends the wait early with its reason (a daemon that died will never become ready).
 *
 * <p>Tests wait with Awaitility, which has the same shape; main code keeps this class because its
 * failures are nestbed's own exception, worded for the user ("timed out waiting for ...", "gave up
 * waiting for ...: reason"), where Awaitility's would put a library's class name in front of them.
 *
 * @param <T> what the wait produces once its condition holds
 */
public final class Poll<T> {
  private final String what;
  private Duration deadline = Duration.ofSeconds(30);
  private Duration interval = Duration.ofMillis(100);
  private Supplier<Optional<String>> failFast = Optional::empty;

  private Poll(String what) {
    this.what = what;
  }

  /** {@code what} completes "timed out waiting for ..." and "gave up waiting for ...". */
  public static <T> Poll<T> waitingFor(String what) {
    return new Poll<>(what);
  }

  public Poll<T> atMost(Duration newDeadline) {
    this.deadline = newDeadline;
    return this;
  }

  public Poll<T> every(Duration newInterval) {
    this.interval = newInterval;
    return this;
  }

  /** Checked before each attempt; a present value aborts the wait with that reason. */
  public Poll<T> failingFastIf(Supplier<Optional<String>> condition) {
    this.failFast = condition;
    return this;
  }

  /**
   * Calls {@code attempt} until it returns a value. Exceptions from the attempt count as "not yet";
   * the last one is attached to the timeout error.
   */
  public T until(Supplier<Optional<T>> attempt) {
    long end = System.nanoTime() + deadline.toNanos();
    RuntimeException lastFailure = null;
    while (true) {
      Optional<String> reason = failFast.get();
      if (reason.isPresent()) {
        throw new NestbedException(
            "gave up waiting for " + what + ": " + reason.get(), null, lastFailure);
      }
      try {
        Optional<T> result = attempt.get();
        if (result.isPresent()) {
          return result.get();
        }
      } catch (RuntimeException e) {
        lastFailure = e;
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new NestbedException(
            String.format(
                "timed out after %.1f s waiting for %s%s",
                deadline.toMillis() / 1000.0,
                what,
                lastFailure == null ? "" : " (last error: " + lastFailure.getMessage() + ")"),
            null,
            lastFailure);
      }
      try {
        Thread.sleep(Math.min(interval.toMillis(), Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NestbedException("interrupted while waiting for " + what, null, e);
      }
    }
  }

  /** Waits until {@code condition} holds. */
  public void untilTrue(Supplier<Boolean> condition) {
    Poll<Boolean> self =
        Poll.<Boolean>waitingFor(what).atMost(deadline).every(interval).failingFastIf(failFast);
    self.until(() -> condition.get() ? Optional.of(true) : Optional.empty());
  }
}
