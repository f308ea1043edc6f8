package dev.nestbed.migration;

import dev.nestbed.core.NestbedException;
import java.util.List;

/**
 * A live migration did not happen: aborted after its timeout, refused or broken by libvirt. The
 * message names the partition, both ends and the cause, and says what was verified afterwards (the
 * guest still running at the source, its memory intact, nothing left at the destination).
 */
public final class MigrationFailedException extends NestbedException {
  private final transient List<MigrationSample> samples;

  MigrationFailedException(
      String message, String hint, List<MigrationSample> samples, Throwable cause) {
    super(message, hint, cause);
    this.samples = List.copyOf(samples);
  }

  /** The job's samples until it ended, for plots of a migration that did not converge. */
  public List<MigrationSample> samples() {
    return samples;
  }
}
