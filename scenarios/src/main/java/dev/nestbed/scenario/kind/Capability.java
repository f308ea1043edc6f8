package dev.nestbed.scenario.kind;

import java.util.Set;

/**
 * What a step may need from its pool beyond hosting partitions. At run time the action asks the
 * pool itself (it never casts it); before the run, validation knows only the pool's backend, so
 * each capability names the backends that offer it.
 */
public enum Capability {
  /** Partitions move between the pool's cells (re-pinning and page migration inside it). */
  MOVES_BETWEEN_CELLS("nested", "sim"),
  /** Nodes join and leave the pool while it runs. */
  NODE_MEMBERSHIP("nested", "sim");

  /** Immutable as an enum's state must be: the backends as an array copied on the way out. */
  @SuppressWarnings("ImmutableEnumChecker") // never written after construction, copied when read
  private final String[] backends;

  Capability(String... backends) {
    this.backends = backends.clone();
  }

  /** Whether a pool of this backend offers it. */
  public boolean offeredBy(String backend) {
    return backends().contains(backend);
  }

  /** The backends that offer it, e.g. for a hint. */
  public Set<String> backends() {
    return Set.of(backends);
  }
}
