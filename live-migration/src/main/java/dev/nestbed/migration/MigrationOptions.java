package dev.nestbed.migration;

import dev.nestbed.core.value.DataRate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The knobs of one live migration. Unset ones leave libvirt's and QEMU's defaults.
 *
 * @param maxDowntime the longest pause for the final copy (QEMU's default is 300 ms)
 * @param bandwidth the most the memory stream may use
 * @param connections parallel connections of the memory stream; 1 is the classic single one
 * @param postcopyAfterIterations postcopy: switch once this many passes have ended (as libvirt
 *     reports the next one beginning)
 * @param postcopyAfter postcopy: switch after this long in pre-copy (with neither: after 1 pass)
 * @param timeout the job is aborted after this long, and the guest keeps running at the source
 *     (unless it already switched to post-copy: then it can only finish)
 * @param sampleEvery how often the job's figures are sampled
 */
public record MigrationOptions(
    MigrationMode mode,
    Optional<Duration> maxDowntime,
    Optional<DataRate> bandwidth,
    int connections,
    OptionalInt postcopyAfterIterations,
    Optional<Duration> postcopyAfter,
    Duration timeout,
    Duration sampleEvery) {
  public static final Duration DEFAULT_SAMPLE = Duration.ofMillis(200);

  public MigrationOptions {
    Objects.requireNonNull(mode, "mode");
    if (connections < 1) {
      throw new IllegalArgumentException(
          "a migration needs at least 1 connection, not " + connections);
    }
    if (mode != MigrationMode.POSTCOPY
        && (postcopyAfterIterations.isPresent() || postcopyAfter.isPresent())) {
      throw new IllegalArgumentException(
          "postcopy-after and postcopy-after-iterations apply to mode postcopy only,"
              + " not "
              + mode);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a migration timeout must be positive, not " + timeout);
    }
  }

  /** Plain pre-copy with libvirt's defaults, aborted after {@code timeout}. */
  public static MigrationOptions precopy(Duration timeout) {
    return new MigrationOptions(
        MigrationMode.PRECOPY,
        Optional.empty(),
        Optional.empty(),
        1,
        OptionalInt.empty(),
        Optional.empty(),
        timeout,
        DEFAULT_SAMPLE);
  }

  public MigrationOptions withMode(MigrationMode newMode) {
    return new MigrationOptions(
        newMode,
        maxDowntime,
        bandwidth,
        connections,
        OptionalInt.empty(),
        Optional.empty(),
        timeout,
        sampleEvery);
  }

  public MigrationOptions withBandwidth(DataRate rate) {
    return new MigrationOptions(
        mode,
        maxDowntime,
        Optional.of(rate),
        connections,
        postcopyAfterIterations,
        postcopyAfter,
        timeout,
        sampleEvery);
  }

  public MigrationOptions withConnections(int count) {
    return new MigrationOptions(
        mode,
        maxDowntime,
        bandwidth,
        count,
        postcopyAfterIterations,
        postcopyAfter,
        timeout,
        sampleEvery);
  }

  public MigrationOptions withMaxDowntime(Duration downtime) {
    return new MigrationOptions(
        mode,
        Optional.of(downtime),
        bandwidth,
        connections,
        postcopyAfterIterations,
        postcopyAfter,
        timeout,
        sampleEvery);
  }

  /**
   * Whether post-copy is due now that pass {@code iteration} over memory began (libvirt's
   * MIGRATION_ITERATION event, which counts as the job statistics' memory_iteration do: the pass in
   * progress, so 2 once the first has ended). False when the switch goes by time instead.
   */
  boolean postcopyDueAtPass(long iteration) {
    if (mode != MigrationMode.POSTCOPY || postcopyAfter.isPresent()) {
      return false;
    }
    // the switch after N passes comes once pass N+1 began
    return iteration > postcopyAfterIterations.orElse(1);
  }

  /**
   * Whether post-copy is due after {@code elapsed} in pre-copy; false when the switch goes by
   * passes.
   */
  boolean postcopyDueAfter(Duration elapsed) {
    return mode == MigrationMode.POSTCOPY
        && postcopyAfter.isPresent()
        && elapsed.compareTo(postcopyAfter.get()) >= 0;
  }
}
