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

  /**
   * Calls {@code action} with the exit code the signal asks for: 130 for SIGINT, 143 for SIGTERM.
   * Closing what it returns puts back the handlers there were before.
   */
  static Restore onInterrupt(IntConsumer action) {
    Object previousInt = handle("INT", () -> action.accept(ExitCode.INTERRUPTED));
    Object previousTerm = handle("TERM", () -> action.accept(ExitCode.TERMINATED));
    return () -> {
      try {
        install("INT", previousInt);
        install("TERM", previousTerm);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot restore the signal handlers: " + e, e);
      }
    };
  }

  /** Puts back the signal handlers there were before {@link #onInterrupt}. */
  @FunctionalInterface
  interface Restore {
    void restore();
  }

  /** Installs a handler for the signal; returns the one it replaces. */
  private static Object handle(String name, Runnable action) {
    try {
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      InvocationHandler onSignal =
          (proxy, method, args) -> {
            if (method.getName().equals("handle")) {
              action.run();
            }
            return null;
          };
      Object proxy =
          Proxy.newProxyInstance(
              InterruptSignals.class.getClassLoader(), new Class<?>[] {handler}, onSignal);
      return install(name, proxy);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot catch SIG" + name + " on this JVM (sun.misc.Signal): " + e, e);
    }
  }

  private static Object install(String name, Object handler) throws ReflectiveOperationException {
    Class<?> signal = Class.forName("sun.misc.Signal");
    Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
    return signal
        .getMethod("handle", signal, handlerType)
        .invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
  }
}
