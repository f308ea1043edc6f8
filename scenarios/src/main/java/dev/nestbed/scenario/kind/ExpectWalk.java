package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.ExpectSpec;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The validator, as an expectation kind's check sees it: the bound scenario, where a key of an
 * expectation was written, how to report, and which names are declared. The parser implements it,
 * as it does {@link StepWalk}.
 */
public interface ExpectWalk {
  /** The scenario the expectation belongs to. */
  ScenarioSpec spec();

  /** Where the value of the expectation's key was written; its map when it was not. */
  Location at(ExpectSpec expect, String key);

  /** Reports a problem with the scenario; {@code hint} null when there is nothing to add. */
  void problem(Location at, String message, @Nullable String hint);

  /**
   * The partition the expectation names, when declared; reported at its {@code partition} key when
   * not (unless the declarations lost names to problems already reported). Empty for null.
   */
  Optional<PartitionDecl> partition(ExpectSpec expect, @Nullable String name);

  /** The pool the expectation names, as {@link #partition}, at its {@code pool} key. */
  Optional<PoolSpec> pool(ExpectSpec expect, @Nullable String name);

  /** Whether every step was bound: with steps lost to problems, "no such step" would be a guess. */
  boolean stepsComplete();
}
