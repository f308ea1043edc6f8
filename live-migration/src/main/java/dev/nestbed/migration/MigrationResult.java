package dev.nestbed.migration;

import dev.nestbed.core.model.MigrationPrediction;
import dev.nestbed.core.model.PrecopyModel;
import dev.nestbed.partitioner.agent.MemoryChecksum;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one live migration measured, next to what the {@link PrecopyModel} predicted from the same
 * memory size, dirty rate and bandwidth, with the fixed costs of the default calibration ({@link
 * dev.nestbed.core.model.MigrationCalibration#MEASURED_HERE}).
 *
 * @param total from the migration call to its return, measured by nestbed
 * @param libvirtTotal the job's duration as libvirt reports it (completed job stats)
 * @param libvirtDowntime the pause libvirt reports for the switch-over; empty when its completed
 *     job statistics leave it out (seen after some post-copy jobs with libvirt 11)
 * @param guestDowntime the largest heartbeat arrival gap around the switch-over, and lost beats
 * @param bytesSent everything that crossed the network (libvirt's data processed)
 * @param memoryTotal the guest RAM the job considered
 * @param iterations pre-copy passes libvirt counted; empty when not reported
 * @param dirtyRate the dirty rate fed to the model, bytes/s
 * @param dirtyRateSource where {@code dirtyRate} comes from: {@link #DIRTY_MEASURED_BY_QEMU},
 *     {@link #DIRTY_ACHIEVED_BY_GUEST} (QEMU reported none) or {@link #DIRTY_CONFIGURED} (neither
 *     was known, or the workload was given none: the guest is not asked then)
 * @param bandwidth the bandwidth fed to the model, bytes/s
 * @param modelMemory the memory fed to the model, bytes: the guest's less the pages QEMU sent as
 *     markers, else (libvirt did not count them) less what its kernel reported free
 * @param downtimeLimit the limit fed to the model
 * @param postcopyStarted whether the job switched to post-copy
 * @param lineOpenedDuringMigration whether the destination's agent line was open before the
 *     migration call returned (else it was opened after, and beats may have been lost)
 * @param samples the job's running samples, in time order
 * @param startedNanos when the migration call was made ({@link System#nanoTime()} of the host):
 *     where the model's first pass and libvirt's job begin on a plot
 */
public record MigrationResult(
    String partition,
    String fromNode,
    String toNode,
    MigrationMode mode,
    Duration total,
    Duration libvirtTotal,
    Optional<Duration> libvirtDowntime,
    GuestDowntime guestDowntime,
    long bytesSent,
    long memoryTotal,
    OptionalLong iterations,
    double dirtyRate,
    String dirtyRateSource,
    double bandwidth,
    long modelMemory,
    Duration downtimeLimit,
    MigrationPrediction prediction,
    MemoryChecksum checksumBefore,
    MemoryChecksum checksumAfter,
    boolean postcopyStarted,
    boolean lineOpenedDuringMigration,
    List<MigrationSample> samples,
    long startedNanos) {
  /** The dirty rate QEMU reported during the migration. */
  public static final String DIRTY_MEASURED_BY_QEMU = "measured by QEMU";

  /**
   * The rate at which the guest's workload wrote memory over the migration, counted by its agent.
   */
  public static final String DIRTY_ACHIEVED_BY_GUEST = "achieved by the guest";

  /** The workload's configured rate, when neither QEMU nor the agent gave one. */
  public static final String DIRTY_CONFIGURED = "configured";

  public MigrationResult {
    samples = List.copyOf(samples);
  }

  /** Both checksums report no bad word. */
  public boolean memoryIntact() {
    return checksumBefore.intact() && checksumAfter.intact();
  }

  /** One line for people. */
  public String describe() {
    double mib = 1024.0 * 1024;
    return String.format(
        "%s %s -> %s (%s): total %d ms, libvirt downtime %s, guest downtime %d ms"
            + " (%d beats lost), %.1f MiB sent, %s iterations; model from M=%.0f MiB, D=%.1f MiB/s (%s),"
            + " B=%.1f MiB/s, T=%d ms: %s",
        partition,
        fromNode,
        toNode,
        mode,
        total.toMillis(),
        libvirtDowntime.map(d -> d.toMillis() + " ms").orElse("not reported"),
        guestDowntime.largestGap().toMillis(),
        guestDowntime.lostBeats(),
        bytesSent / mib,
        iterations.isPresent() ? "" + iterations.getAsLong() : "unreported",
        modelMemory / mib,
        dirtyRate / mib,
        dirtyRateSource,
        bandwidth / mib,
        downtimeLimit.toMillis(),
        prediction.describe());
  }
}
