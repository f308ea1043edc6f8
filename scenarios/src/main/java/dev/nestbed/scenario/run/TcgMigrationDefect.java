package dev.nestbed.scenario.run;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.value.DataSize;
import java.util.Optional;

/**
 * A QEMU defect nestbed knows and will not hide: under TCG, live migration of a guest with more
 * than one RAM region (memory plugged past its boot size by virtio-mem or DIMMs) aborts the source
 * QEMU ({@code tlb_reset_dirty_range_all} assertion) or completes with guest memory corrupted (5 of
 * 7 runs in the spike of 2026-12-04, QEMU 10.0.2; single-region guests clean 3 of 3). The TCG TLB
 * reset added by upstream 03bfc2188f appears to use a block-relative offset. KVM is unaffected. So
 * such a migration is refused before it starts, unless the step allows it; then it runs and the
 * step's note says so beside what the checksum found.
 */
final class TcgMigrationDefect {
  static final String DEFECT =
      "QEMU's dirty-memory tracking under TCG mishandles a guest with more than one RAM"
          + " region (upstream 03bfc2188f's TLB reset uses a block-relative offset): such a live migration can abort the"
          + " source QEMU or complete with corrupted guest memory (5 of 7 runs in the spike of 2026-12-04)";

  static final String WAYS_OUT =
      "Resize it back to its boot size first (which unplugs it), run on KVM, or set"
          + " allow-unsafe-migration: true on the step to run it anyway and see what the checksum finds";

  private TcgMigrationDefect() {}

  /**
   * Nothing when the migration is safe here; the note for a step that allows it; refuses one that
   * does not.
   *
   * @throws NestbedException naming the partition, what it has plugged, the defect and the ways out
   */
  static Optional<String> check(
      String partition, Accelerator accelerator, DataSize plugged, boolean allowed) {
    if (accelerator.kind() != Accelerator.Kind.TCG || plugged.isZero()) {
      return Optional.empty();
    }
    if (allowed) {
      return Optional.of(
          "allow-unsafe-migration: ran under TCG with "
              + plugged
              + " plugged past the boot size,"
              + " where "
              + DEFECT
              + "; memory-intact says what the checksum found");
    }
    // the ways out are in the message itself: a step's record keeps only the message
    throw new NestbedException(
        "refused to live-migrate partition "
            + partition
            + ": it has "
            + plugged
            + " plugged past its boot size and guests run under TCG, where "
            + DEFECT
            + ". "
            + WAYS_OUT,
        WAYS_OUT);
  }
}
