package dev.nestbed.scenario.kind;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.List;
import java.util.Optional;

/**
 * The pools as the steps before the one being checked left them: which nodes each has, which are
 * its spares, and where each partition is. A step that changes them records its change here; a
 * change that brings memory into a pool is admitted first, and a refusal is reported at the place
 * given, in the step's words.
 */
public interface Pools {
  /** The pool's member nodes now, in cell order; empty for a pool not declared. */
  List<String> members(String pool);

  /** The nodes that may join the pool now. */
  List<String> spares(String pool);

  /** The pool the partition is in now, if it is declared in one. */
  Optional<String> poolOf(String partition);

  /** Whether the pool's cells are known before the run: not for a host pool adopted by uri. */
  boolean cellsKnown(String pool);

  /** What to say about a node that is not a member of the pool now: where it is instead. */
  String whyNotMember(String node, String pool);

  /** A spare joins the pool. */
  void join(String pool, String node);

  /**
   * A member leaves the pool and stays its spare; with {@code evacuate}, the partitions it held
   * must fit the rest, else that is reported at {@code at}.
   */
  void leave(StepSpec step, Location at, String pool, String node, boolean evacuate);

  /** The partition's memory becomes {@code memory}; growth its pool cannot hold is reported. */
  void resize(StepSpec step, Location at, String partition, DataSize memory);

  /** The partition goes to the pool if the pool can hold it; if not, that is reported. */
  void relocate(StepSpec step, Location at, String partition, String toPool);
}
