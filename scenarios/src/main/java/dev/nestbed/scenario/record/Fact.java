package dev.nestbed.scenario.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One fact of a run's provenance: its value as read, or, when it could not be read, why not.
 * Exactly one of the two is set, so that a value nestbed did not read is never stood in for by a
 * guess or a default.
 *
 * @param value what was read, e.g. "QEMU emulator version 10.0.2"; null when unknown
 * @param whyUnknown why it could not be read, e.g. "qemu-system-x86_64 is not installed"; null when
 *     known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fact(@Nullable String value, @Nullable String whyUnknown) {
  public Fact {
    if ((value == null) == (whyUnknown == null)) {
      throw new IllegalArgumentException(
          "a fact has either a value or why it is unknown, not "
              + (value == null ? "neither" : "both"));
    }
  }

  /** A fact that was read. */
  public static Fact known(String value) {
    return new Fact(value, null);
  }

  /** A fact that could not be read, and why. */
  public static Fact unknown(String why) {
    return new Fact(null, why);
  }

  @JsonIgnore
  public boolean isKnown() {
    return value != null;
  }

  /** The value, or "unknown (why)": one line for the user. */
  public String text() {
    return value != null ? value : "unknown (" + whyUnknown + ")";
  }
}
