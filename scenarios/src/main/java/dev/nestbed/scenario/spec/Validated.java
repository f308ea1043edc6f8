package dev.nestbed.scenario.spec;

import org.jspecify.annotations.Nullable;

/**
 * What a validated spec always holds where a half-valid one, still walked by the validator, may
 * hold null: plan, run and the commands read specs through the {@code valid...} accessors that use
 * this, so a spec that skipped validation fails at the first value it lacks, naming it.
 */
final class Validated {
  private Validated() {}

  static <T> T value(@Nullable T value, String what, Location at) {
    if (value == null) {
      throw new IllegalStateException(
          what + " at " + at + " is missing: only a validated scenario is planned or run");
    }
    return value;
  }
}
