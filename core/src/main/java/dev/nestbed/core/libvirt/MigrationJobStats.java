package dev.nestbed.core.libvirt;

import dev.nestbed.core.value.DataSize;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One sample of a domain's migration job as libvirt reports it (virDomainGetJobStats), in bytes and
 * milliseconds. Figures libvirt did not report (they depend on the phase and on the QEMU version)
 * are empty, never zero.
 *
 * @param phase whether a job runs, and how the last one ended
 * @param elapsedMs since the job started
 * @param memoryTotal guest RAM the job has to consider
 * @param memoryProcessed RAM bytes sent so far (all passes)
 * @param memoryRemaining RAM bytes still to send in this pass
 * @param dataTotal everything the job has to send (RAM and device state)
 * @param dataProcessed everything sent so far: the bytes that crossed the network
 * @param dirtyRateBytesPerSecond how fast the guest dirties memory, as QEMU measured it (pages/s
 *     times the page size)
 * @param iteration pre-copy passes over memory so far (1 is the first full pass)
 * @param bandwidthBytesPerSecond throughput of the memory stream
 * @param downtimeMs how long the guest was paused for the switch-over (known once completed; while
 *     running, QEMU's expected downtime)
 * @param postcopyRequests pages the destination faulted for after a switch to post-copy
 * @param autoConvergeThrottle percent of CPU time taken from the guest by auto-converge
 * @param memoryConstantBytes pages sent as a marker rather than whole (filled with one byte value,
 *     as never-touched and freed pages are), times the page size: the first pass sends the guest's
 *     memory less these
 */
public record MigrationJobStats(
    Phase phase,
    OptionalLong elapsedMs,
    OptionalLong memoryTotal,
    OptionalLong memoryProcessed,
    OptionalLong memoryRemaining,
    OptionalLong dataTotal,
    OptionalLong dataProcessed,
    OptionalLong dirtyRateBytesPerSecond,
    OptionalLong iteration,
    OptionalLong bandwidthBytesPerSecond,
    OptionalLong downtimeMs,
    OptionalLong postcopyRequests,
    OptionalLong autoConvergeThrottle,
    OptionalLong memoryConstantBytes) {

  /** libvirt's virDomainJobType, as far as nestbed tells them apart. */
  public enum Phase {
    /** No job runs (not started, or the domain has none). */
    NONE,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    static Phase of(int virDomainJobType) {
      return switch (virDomainJobType) {
        case 1, 2 -> RUNNING; // BOUNDED, UNBOUNDED
        case 3 -> COMPLETED;
        case 4 -> FAILED;
        case 5 -> CANCELLED;
        default -> NONE;
      };
    }
  }

  /** The fields of virDomainGetJobStats that nestbed reads, by libvirt's names. */
  static final List<String> FIELDS =
      List.of(
          "time_elapsed",
          "memory_total",
          "memory_processed",
          "memory_remaining",
          "data_total",
          "data_processed",
          "memory_dirty_rate",
          "memory_page_size",
          "memory_iteration",
          "memory_bps",
          "downtime",
          "memory_postcopy_requests",
          "auto_converge_throttle",
          "memory_constant");

  /** A sample with nothing in it: no job. */
  public static MigrationJobStats none() {
    return from(0, Map.of());
  }

  /** Builds a sample from virDomainGetJobStats' type and its fields by libvirt's names. */
  static MigrationJobStats from(int type, Map<String, Long> fields) {
    OptionalLong pageSize = get(fields, "memory_page_size");
    OptionalLong dirtyPages = get(fields, "memory_dirty_rate");
    OptionalLong dirtyBytes = times(dirtyPages, pageSize);
    return new MigrationJobStats(
        Phase.of(type),
        get(fields, "time_elapsed"),
        get(fields, "memory_total"),
        get(fields, "memory_processed"),
        get(fields, "memory_remaining"),
        get(fields, "data_total"),
        get(fields, "data_processed"),
        dirtyBytes,
        get(fields, "memory_iteration"),
        get(fields, "memory_bps"),
        get(fields, "downtime"),
        get(fields, "memory_postcopy_requests"),
        get(fields, "auto_converge_throttle"),
        times(get(fields, "memory_constant"), pageSize));
  }

  /** A count of pages in bytes (libvirt's page size, 4 KiB when it gives none). */
  private static OptionalLong times(OptionalLong pages, OptionalLong pageSize) {
    return pages.isPresent()
        ? OptionalLong.of(pages.getAsLong() * pageSize.orElse(4096))
        : OptionalLong.empty();
  }

  private static OptionalLong get(Map<String, Long> fields, String key) {
    Long value = fields.get(key);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /**
   * The dirty rate QEMU measured, from the second pass on: before that it has compared no two
   * passes and reports 0 or nothing, which must not pass for a measurement.
   */
  public OptionalLong measuredDirtyRate() {
    return iteration.orElse(0) >= 2 ? dirtyRateBytesPerSecond : OptionalLong.empty();
  }

  /** {@link #memoryRemaining()} as a size, zero when unknown. */
  public DataSize remaining() {
    return DataSize.ofBytes(memoryRemaining.orElse(0));
  }
}
