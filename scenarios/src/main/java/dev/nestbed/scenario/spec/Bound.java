package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.TimeSpan;
import org.jspecify.annotations.Nullable;

/**
 * A range a measured duration must fall in, written {@code {max: 2s}} or {@code {min: 1s, max:
 * 2s}}. At least one side is set; an unset side is null.
 */
public record Bound(@Nullable TimeSpan min, @Nullable TimeSpan max) {
  /** Whether {@code value} lies within the bound, both ends included. */
  public boolean contains(TimeSpan value) {
    return (min == null || !value.isLessThan(min)) && (max == null || !value.isGreaterThan(max));
  }

  /** {@code <= 2s}, {@code >= 1s} or {@code 1s..2s}. */
  @Override
  public String toString() {
    if (min == null) {
      return "<= " + max;
    }
    if (max == null) {
      return ">= " + min;
    }
    return min + ".." + max;
  }
}
