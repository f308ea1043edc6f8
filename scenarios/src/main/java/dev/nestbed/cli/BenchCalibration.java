package dev.nestbed.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestbed.core.model.MigrationCalibration;
import dev.nestbed.core.model.MigrationInputs;
import dev.nestbed.core.model.MigrationPrediction;
import dev.nestbed.core.model.PrecopyModel;
import dev.nestbed.core.model.Provenance;
import dev.nestbed.migration.MigrationResult;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The pre-copy model's inputs for one bench run, taken from one migration of an idle guest made
 * first and not counted, instead of from each migration's own job samples (a 2 s migration gives
 * one or two sampled first-pass intervals, which read 43 to 417 MiB/s for the same link and spread
 * the predictions of one row 4-9x).
 *
 * <ul>
 *   <li>{@code M}, the memory the first pass sends: what the idle migration sent (pages never
 *       touched go as zero-page markers, so this is less than the guest's used memory);
 *   <li>{@code B}, the link: QEMU's own average over that whole transfer, set-up left out;
 *   <li>{@code C}, the switch-over: the idle guest's largest heartbeat gap (nothing is dirty, so
 *       its whole pause is fixed cost);
 *   <li>{@code S}, the set-up: what the idle migration's total holds beyond {@code M/B} and {@code
 *       C}.
 * </ul>
 *
 * Each counted migration is then predicted from these and its own dirty rate (QEMU's measurement
 * where it made one) and downtime limit.
 */
record BenchCalibration(long memoryBytes, double bandwidth, Duration setup, Duration switchover) {
  private static final double MIB = 1024.0 * 1024;

  static BenchCalibration of(MigrationResult idle) {
    long memory = idle.bytesSent();
    double bandwidth =
        idle.transferRate()
            .orElse(idle.bytesSent() / Math.max(1e-3, idle.libvirtTotal().toNanos() / 1e9));
    Duration switchover = idle.guestDowntime().largestGap();
    long transferNanos = (long) (memory / bandwidth * 1e9);
    Duration setup = idle.total().minusNanos(transferNanos).minus(switchover);
    return new BenchCalibration(
        memory, bandwidth, setup.isNegative() ? Duration.ZERO : setup, switchover);
  }

  /** What the model predicts for {@code r} from this calibration and r's own dirty rate. */
  MigrationPrediction predict(MigrationResult r, long workingSetBytes) {
    return PrecopyModel.predict(
        new MigrationInputs(
            memoryBytes, workingSetBytes, r.dirtyRate(), bandwidth, r.downtimeLimit()),
        new MigrationCalibration(
            setup,
            switchover,
            bandwidth,
            new Provenance(
                "this bench run's machine",
                LocalDate.now(ZoneOffset.UTC).toString(),
                "one live migration of an idle guest, not counted: " + describe(),
                "nestbed bench migration")));
  }

  String describe() {
    return String.format(
        "M = %.1f MiB sent, B = %.1f MiB/s (QEMU's transfer average), S = %d ms set-up,"
            + " C = %d ms switch-over (the idle guest's largest heartbeat gap)",
        memoryBytes / MIB, bandwidth / MIB, setup.toMillis(), switchover.toMillis());
  }

  void addTo(ObjectNode document) {
    document
        .putObject("calibration")
        .put("memoryMiB", Math.round(memoryBytes / MIB * 100) / 100.0)
        .put("bandwidthMiBs", Math.round(bandwidth / MIB * 10) / 10.0)
        .put("setupMs", setup.toMillis())
        .put("switchoverMs", switchover.toMillis());
  }
}
