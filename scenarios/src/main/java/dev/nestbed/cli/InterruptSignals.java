package dev.nestbed.cli;

import sun.misc.Signal;

/**
 * Catches SIGINT (Ctrl-C) and SIGTERM without letting the JVM start shutting down, so the run can
 * tear down at its own pace and exit 130. A second Ctrl-C is also caught: teardown must finish
 * (use {@code nestbed clean} if a run was killed harder than that).
 */
final class InterruptSignals {
  private InterruptSignals() {}

  static void onInterrupt(Runnable action) {
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signal -> action.run());
    }
  }
}
