package dev.nestbed.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.function.IntConsumer;

/**
 * Catches SIGINT (Ctrl-C) and SIGTERM without letting the JVM start shutting down, so the run can
 * tear down at its own pace and exit 130 or 143. A second signal is also caught: teardown must
 * finish (use {@code nestbed clean} if a run was killed harder than that).
 *
 * <p>The JDK has no public API for this; {@code sun.misc.Signal} (module jdk.unsupported) is the
 * one every JDK ships. It is reached by reflection, here only, so that the build's warnings stay
 * errors: javac's warning for a proprietary API cannot be suppressed.
 */
final class InterruptSignals {
  private InterruptSignals() {}

  /** Calls {@code action} with the exit code the signal asks for: 130 for SIGINT, 143 for SIGTERM. */
  static void onInterrupt(IntConsumer action) {
    handle("INT", () -> action.accept(ExitCode.INTERRUPTED));
    handle("TERM", () -> action.accept(ExitCode.TERMINATED));
  }

  private static void handle(String name, Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      InvocationHandler onSignal = (proxy, method, args) -> {
        if (method.getName().equals("handle")) {
          action.run();
        }
        return null;
      };
      Object proxy = Proxy.newProxyInstance(InterruptSignals.class.getClassLoader(), new Class<?>[] {handler},
          onSignal);
      signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name),
          proxy);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot catch SIG" + name + " on this JVM (sun.misc.Signal): " + e, e);
    }
  }
}
