package dev.nestbed.migration;

import java.util.Arrays;

/** How a live migration copies memory. */
public enum MigrationMode {
  /** Copy memory while the guest runs, pass after pass, then pause it for the rest. */
  PRECOPY("precopy"),
  /** Pre-copy, and QEMU throttles the guest's vCPUs while the passes do not shrink. */
  AUTO_CONVERGE("auto-converge"),
  /** Start in pre-copy, then switch: the guest runs at the destination and pulls missing pages. */
  POSTCOPY("postcopy");

  private final String keyword;

  MigrationMode(String keyword) {
    this.keyword = keyword;
  }

  /** The scenario keyword, e.g. {@code auto-converge}. */
  public String keyword() {
    return keyword;
  }

  /** The mode for a scenario keyword. */
  public static MigrationMode of(String keyword) {
    return Arrays.stream(values())
        .filter(m -> m.keyword.equals(keyword))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown migration mode '"
                        + keyword
                        + "'; one of precopy, auto-converge, postcopy"));
  }

  @Override
  public String toString() {
    return keyword;
  }
}
