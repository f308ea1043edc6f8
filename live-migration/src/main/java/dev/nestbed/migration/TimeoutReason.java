package dev.nestbed.migration;

import dev.nestbed.core.libvirt.MigrationJobStats;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Why a migration was still running at its timeout, from the job's last sample. Either it was not
 * converging (from its second pass on, the memory still dirty would take longer to copy than the
 * downtime limit allows: the guest dirties memory about as fast as it is copied), or it was simply
 * slow (still in its first pass, or converging but not done yet).
 */
final class TimeoutReason {
  private static final double MIB = 1024.0 * 1024;

  private TimeoutReason() {}

  static String of(MigrationJobStats s, Duration timeout, Duration downtimeLimit) {
    long pass = s.iteration().orElse(0);
    double remainingMib = s.memoryRemaining().orElse(0) / MIB;
    OptionalLong dirty = s.measuredDirtyRate();
    OptionalLong finalCopyMs = finalCopyMs(s);
    if (pass >= 2
        && finalCopyMs.isPresent()
        && finalCopyMs.getAsLong() > downtimeLimit.toMillis()) {
      return String.format(
          "it could not converge under its max-downtime of %d ms: after %d passes %.1f MiB were"
              + " still dirty, a final copy of about %d ms (%s%s); it was aborted at its timeout of %d s",
          downtimeLimit.toMillis(),
          pass,
          remainingMib,
          finalCopyMs.getAsLong(),
          dirty.isPresent()
              ? String.format("guest dirtying %.1f MiB/s, ", dirty.getAsLong() / MIB)
              : "",
          s.bandwidthBytesPerSecond().isPresent()
              ? String.format("copied at %.1f MiB/s", s.bandwidthBytesPerSecond().getAsLong() / MIB)
              : "copy rate unknown",
          timeout.toSeconds());
    }
    return String.format(
        "it was aborted after its timeout of %d s (pass %d, %.1f MiB still to copy%s)",
        timeout.toSeconds(),
        pass,
        remainingMib,
        dirty.isPresent()
            ? String.format(", guest dirtying %.1f MiB/s", dirty.getAsLong() / MIB)
            : "");
  }

  /** QEMU's expected downtime while the job runs, else what is left over the throughput. */
  private static OptionalLong finalCopyMs(MigrationJobStats s) {
    if (s.downtimeMs().isPresent() && s.downtimeMs().getAsLong() > 0) {
      return s.downtimeMs();
    }
    if (s.memoryRemaining().isPresent() && s.bandwidthBytesPerSecond().orElse(0) > 0) {
      return OptionalLong.of(
          s.memoryRemaining().getAsLong() * 1000 / s.bandwidthBytesPerSecond().getAsLong());
    }
    return OptionalLong.empty();
  }
}
