package dev.nestbed.scenario.run;

/** The run's time base: every recorded time is milliseconds since the run started. */
final class RunClock {
  private final long startNanos = System.nanoTime();

  long nowMs() {
    return toMs(System.nanoTime());
  }

  long toMs(long nanoTime) {
    return (nanoTime - startNanos) / 1_000_000;
  }
}
