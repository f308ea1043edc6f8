package dev.nestbed.core.model;

import java.time.Duration;

/**
 * What a migration model is fed.
 *
 * @param memoryBytes M, the memory the first pass sends (memory in use: QEMU sends zero pages as
 *     markers)
 * @param workingSetBytes W, the most the guest rewrites between two passes
 * @param dirtyBytesPerSecond D, how fast the guest dirties memory while it runs unthrottled
 * @param bandwidthBytesPerSecond B, how fast the link carries memory; more than zero
 * @param downtimeLimit T, the longest pause allowed for the last copy
 */
public record MigrationInputs(
    long memoryBytes,
    long workingSetBytes,
    double dirtyBytesPerSecond,
    double bandwidthBytesPerSecond,
    Duration downtimeLimit) {
  public MigrationInputs {
    if (bandwidthBytesPerSecond <= 0) {
      throw new IllegalArgumentException(
          "a migration model needs a bandwidth above 0, not " + bandwidthBytesPerSecond + " B/s");
    }
    if (memoryBytes < 0 || workingSetBytes < 0 || dirtyBytesPerSecond < 0) {
      throw new IllegalArgumentException("memory, working set and dirty rate must not be negative");
    }
  }

  /** B*T: what can be copied within the downtime limit. */
  double fitsInDowntime() {
    return bandwidthBytesPerSecond * downtimeLimit.toNanos() / 1e9;
  }
}
