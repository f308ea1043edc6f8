package dev.nestbed.cli;

import sun.misc.Signal;

/**
 * Catches SIGINT (Ctrl-C) and SIGTERM without letting the JVM start shutting down, so the run can
 * tear down at its own pace and exit 130 or 143. A second signal is also caught: teardown must
 * finish (use {@code nestbed clean} if a run was killed harder than that).
 */
final class InterruptSignals {
  private InterruptSignals() {}

  /** Calls {@code action} with the exit code the signal asks for: 130 for SIGINT, 143 for SIGTERM. */
  static void onInterrupt(java.util.function.IntConsumer action) {
    Signal.handle(new Signal("INT"), signal -> action.accept(ExitCode.INTERRUPTED));
    Signal.handle(new Signal("TERM"), signal -> action.accept(ExitCode.TERMINATED));
  }
}
