package dev.nestbed.aggregator.local;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One thing a run left that {@code nestbed clean} found, and what it would do with it: what {@code
 * clean --dry-run} lists, without doing it.
 *
 * @param kind what it is
 * @param name its name: the node of a libvirtd, the domain of a QEMU, the path of a directory, the
 *     name of a namespace, domain or storage pool, or for another process its program and namespace
 *     ("vagrant in network namespace nb-1a2b3c4d-vagrant")
 * @param run the run id it is tagged with
 * @param pid the process, for {@link Kind#LIBVIRTD}, {@link Kind#QEMU} and {@link Kind#PROCESS}
 * @param host the libvirt URI it is on; null for this machine
 * @param action what clean would do
 * @param reason why it would be left alone; null unless {@link Action#KEEP}
 */
public record Leftover(
    Kind kind,
    String name,
    String run,
    OptionalLong pid,
    @Nullable String host,
    Action action,
    @Nullable String reason) {
  /** What the leftover is. */
  public enum Kind {
    /** A run that is still going: everything of it is left alone. */
    RUN,
    /** The libvirtd of one of the run's nodes (clean destroys its guests, then stops it). */
    LIBVIRTD,
    /** The QEMU of one of the run's guests. */
    QEMU,
    /**
     * Another process inside one of the run's network namespaces ({@code vagrant}, {@code
     * dnsmasq}).
     */
    PROCESS,
    /** The run's directory under the work root. */
    DIRECTORY,
    /** A network namespace of one of the run's nodes. */
    NAMESPACE,
    /** A run-tagged domain on a libvirt host. */
    DOMAIN,
    /** A run's storage pool on a libvirt host, with its volumes and directory. */
    STORAGE_POOL,
    /** A container of one of the run's container nodes. */
    CONTAINER,
    /** The run's Docker network between its container nodes. */
    DOCKER_NETWORK;

    /** The name scripts see: {@code storage-pool}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** What clean would do with it. */
  public enum Action {
    /** Signal the process (a libvirtd first destroys its guests). */
    STOP,
    /** Remove it. */
    REMOVE,
    /** Leave it alone; {@link #reason()} says why. */
    KEEP;

    /** The name scripts see: {@code stop}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Leftover {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(pid, "pid");
    Objects.requireNonNull(action, "action");
    if ((action == Action.KEEP) != (reason != null)) {
      throw new IllegalArgumentException(
          "a reason is given exactly when a leftover is kept: " + action + ", " + reason);
    }
  }

  static Leftover process(Kind kind, String name, String run, long pid) {
    return new Leftover(kind, name, run, OptionalLong.of(pid), null, Action.STOP, null);
  }

  /** Something clean removes. */
  public static Leftover removable(Kind kind, String name, String run, @Nullable String host) {
    return new Leftover(kind, name, run, OptionalLong.empty(), host, Action.REMOVE, null);
  }

  /** Something clean leaves alone, and why. */
  public static Leftover kept(Kind kind, String name, String run, OptionalLong pid, String reason) {
    return new Leftover(kind, name, run, pid, null, Action.KEEP, reason);
  }

  /**
   * "would stop libvirtd of node n1 of run 1a2b3c4d (pid 4711), destroying its guests", for the
   * text of a dry run.
   */
  public String describe() {
    return switch (action) {
      case STOP ->
          "would stop " + thing() + (kind == Kind.LIBVIRTD ? ", destroying its guests" : "");
      case REMOVE -> "would remove " + thing();
      // A kept pid is not the process its file meant: name the pid, and the file in the reason.
      case KEEP ->
          "would leave "
              + (pid.isPresent() ? "pid " + pid.getAsLong() : thing())
              + " alone: "
              + reason;
    };
  }

  private String thing() {
    String at = pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : "";
    String from = host == null ? "" : " from " + host;
    return switch (kind) {
      case RUN -> "run " + run + " (" + name + ")";
      case LIBVIRTD -> "libvirtd of node " + name + " of run " + run + at;
      case QEMU -> "the QEMU of " + name + at;
      case PROCESS -> name + at;
      case DIRECTORY -> name;
      case NAMESPACE -> "network namespace " + name;
      case DOMAIN -> "domain " + name + " of run " + run + from;
      case STORAGE_POOL ->
          "storage pool " + name + " of run " + run + " (its volumes and directory)" + from;
      case CONTAINER -> "container " + name + " of run " + run;
      case DOCKER_NETWORK -> "Docker network " + name + " of run " + run;
    };
  }
}
