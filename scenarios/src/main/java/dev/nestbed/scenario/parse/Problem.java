package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.spec.Location;
import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with a scenario file: where, what, and what to try.
 *
 * @param hint what to write instead; null when there is nothing useful to add
 */
public record Problem(Location location, String message, @Nullable String hint) {
  /** {@code file:line:col: message}, then {@code hint: ...} on a second line if there is one. */
  public String format() {
    return location + ": " + message + (hint == null ? "" : "\n  hint: " + hint);
  }

  @Override
  public String toString() {
    return format();
  }
}
