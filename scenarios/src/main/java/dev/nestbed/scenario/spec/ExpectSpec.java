package dev.nestbed.scenario.spec;

/**
 * One entry of {@code expect:}, checked after the steps ran. The keys of the YAML map decide the
 * kind: {@code partition} alone about a partition's state, {@code step} about a step's measured
 * times, {@code pool} about a pool's shape.
 */
public sealed interface ExpectSpec permits PartitionExpect, StepExpect, PoolExpect {
  /** Where the expectation's map begins. */
  Location location();

  /**
   * The expectation in one line, e.g. {@code p1 alive} or {@code p1 guest-downtime of migrate <=
   * 2s}.
   */
  String describe();
}
