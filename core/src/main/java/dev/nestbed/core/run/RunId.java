package dev.nestbed.core.run;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Identifies one nestbed run. Everything the run creates (domains, daemons, namespaces,
 * directories) carries it, so teardown and {@code nestbed clean} touch only what is theirs.
 *
 * <p>Eight hex digits: short enough for interface and namespace names (15 characters on Linux),
 * random enough that two runs on one machine do not collide.
 */
public record RunId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{8}");
  private static final SecureRandom RANDOM = new SecureRandom();

  public RunId {
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("a run id is 8 lowercase hex digits, not '" + value + "'");
    }
  }

  public static RunId random() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return new RunId(HexFormat.of().formatHex(bytes));
  }

  /** A name for a created object: {@code nb-<run>-<name>}. */
  public String qualify(String name) {
    return "nb-" + value + "-" + name;
  }

  @Override
  public String toString() {
    return value;
  }
}
