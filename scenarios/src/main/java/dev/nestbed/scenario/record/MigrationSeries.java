package dev.nestbed.scenario.record;

/**
 * The names of the series a live migration records, each with the partition as its subject; the
 * report draws them as one plot per migration. A sample libvirt took without a figure is a point
 * with a null value.
 */
public final class MigrationSeries {
  /** MiB: memory libvirt reported still to copy (memory_remaining), every sample of the job. */
  public static final String REMAINING = "migration-remaining";

  /** MiB/s: the throughput of the memory stream libvirt reported (memory_bps), every sample. */
  public static final String THROUGHPUT = "migration-throughput";

  /**
   * count: libvirt's pre-copy pass (memory_iteration), every sample; where it changes a pass began.
   */
  public static final String PASS = "migration-pass";

  /**
   * MiB: the pre-copy model's remaining memory {@code V(i)} at the start of each pass it predicts,
   * its first pass starting when the migration call was made, and 0 at its predicted end when it
   * converges.
   */
  public static final String MODEL_REMAINING = "migration-model-remaining";

  /**
   * ms: the guest's largest heartbeat gap around the switch-over (guest-downtime), one point: at
   * the last beat before the gap, the gap's length.
   */
  public static final String DOWNTIME_GUEST = "migration-downtime-guest";

  /**
   * ms: libvirt's downtime of the completed job, one point: its length, placed to end where
   * libvirt's job ended (the migration call's start plus the job's elapsed time).
   */
  public static final String DOWNTIME_LIBVIRT = "migration-downtime-libvirt";

  private MigrationSeries() {}

  /** Whether a series is one of a migration's. */
  public static boolean isMigration(String name) {
    return name != null && name.startsWith("migration-");
  }
}
