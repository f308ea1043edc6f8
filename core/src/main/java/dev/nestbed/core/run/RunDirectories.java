package dev.nestbed.core.run;

import java.nio.file.Path;

/**
 * Where nestbed keeps state. The work root holds one directory per run (node daemons' state,
 * sockets); it is removed at teardown. The cache keeps built images across runs.
 *
 * <p>The work root is per user and closed to everyone else ({@link WorkRoot} creates and checks
 * it): its run directories become the nodes' {@code /etc/libvirt} and hold the pid files nestbed
 * signals by. It must also be short: libvirt's sockets live below it and a unix socket path may be
 * at most 107 bytes, which is why the default names the user by uid (at most 10 digits) rather than
 * by name (up to 32 characters).
 */
public final class RunDirectories {
  private RunDirectories() {}

  /**
   * {@code $NESTBED_WORK}, else {@code /tmp/nestbed-<uid>}. Only the path: {@link
   * WorkRoot#prepare(Path)} makes it safe to use.
   */
  public static Path workRoot() {
    return fromEnv("NESTBED_WORK")
        .orElseGet(() -> Path.of("/tmp/nestbed-" + WorkRoot.currentUid()));
  }

  /** The directory of one run's state: {@code <work root>/<run id>}. */
  public static Path of(RunId runId) {
    return workRoot().resolve(runId.value());
  }

  /**
   * {@code $NESTBED_CACHE}, else {@code $XDG_CACHE_HOME/nestbed}, else {@code ~/.cache/nestbed}.
   */
  public static Path cacheRoot() {
    return fromEnv("NESTBED_CACHE")
        .or(() -> fromEnv("XDG_CACHE_HOME").map(p -> p.resolve("nestbed")))
        .orElse(Path.of(System.getProperty("user.home"), ".cache", "nestbed"));
  }

  /**
   * The nestbed checkout (where {@code images/} recipes live): system property {@code
   * nestbed.home}, else {@code $NESTBED_HOME}, else the working directory.
   */
  public static Path home() {
    String property = System.getProperty("nestbed.home");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath();
    }
    return fromEnv("NESTBED_HOME").orElse(Path.of("").toAbsolutePath());
  }

  private static java.util.Optional<Path> fromEnv(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank()
        ? java.util.Optional.empty()
        : java.util.Optional.of(Path.of(value));
  }
}
