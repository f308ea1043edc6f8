package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The validator's walk over the steps, as a step kind's own check sees it: where a key of a step
 * was written, how to report what is wrong there, which names are declared, and the pools as the
 * steps before this one left them. The parser implements it, so that a kind's check sees neither
 * YAML nor the validator's bookkeeping, and this package does not depend on the parser.
 */
public interface StepWalk {
  /** Where the value of the step's key was written; the step's keyword when it was not. */
  Location at(StepSpec step, Key key);

  /**
   * Where item {@code index} of the step's list key was written; else as {@link #at(StepSpec,
   * Key)}.
   */
  Location at(StepSpec step, Key key, int index);

  /** Reports a problem with the scenario; {@code hint} null when there is nothing to add. */
  void problem(Location at, String message, @Nullable String hint);

  /**
   * The partition named by the step, when it is declared; reported at {@code at} when it is not
   * (unless the declarations lost names to problems already reported). Empty for a null name.
   */
  Optional<PartitionDecl> partition(StepSpec step, @Nullable String name, Location at);

  /** The pool named by the step, as {@link #partition}. */
  Optional<PoolSpec> pool(StepSpec step, @Nullable String name, Location at);

  /**
   * Whether the node named by the step is declared under {@code nodes.hosts}, as {@link
   * #partition}.
   */
  boolean node(StepSpec step, @Nullable String name, Location at);

  /** The pools at this point of the walk. */
  Pools pools();

  /** A pool and a node a step names, both declared. */
  record PoolNode(String pool, String node) {}

  /**
   * The pool and the node the step names under {@code poolKey} and {@code nodeKey}, when both are
   * declared; each reported at its key as {@link #pool} and {@link #node} when not (the node only
   * once the pool is known).
   */
  default Optional<PoolNode> poolAndNode(
      StepSpec step, Key poolKey, @Nullable String pool, Key nodeKey, @Nullable String node) {
    if (pool(step, pool, at(step, poolKey)).isEmpty()
        || pool == null
        || node == null
        || !node(step, node, at(step, nodeKey))) {
      return Optional.empty();
    }
    return Optional.of(new PoolNode(pool, node));
  }
}
