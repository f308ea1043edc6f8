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
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The pre-copy model's inputs for one bench run, taken from a few migrations of an idle guest made
 * first and not counted (medians of {@link #RUNS}), instead of from each migration's own job
 * samples (a 2 s migration gives one or two sampled first-pass intervals, which read 43 to 417
 * MiB/s for the same link and spread the predictions of one row 4-9x).
 *
 * <ul>
 *   <li>{@code M}, the memory the first pass sends: what an idle migration sent (pages never
 *       touched go as zero-page markers, so this is less than the guest's used memory);
 *   <li>{@code B}, the link: the rate its memory crossed at, from its job samples (libvirt's
 *       completed-job bandwidth read 1,611 MiB/s for a transfer that took 1.9 s at 46 MiB/s, so it
 *       is not used);
 *   <li>{@code C}, the switch-over: its largest heartbeat gap (nothing is dirty, so the whole pause
 *       is fixed cost);
 *   <li>{@code S}, the set-up: what its total holds beyond {@code M/B} and {@code C}, never below
 *       0.
 * </ul>
 *
 * Each counted migration is then predicted from these and its own dirty rate (QEMU's measurement
 * where it made one, else what the guest's agent counted over the migration) and downtime limit.
 */
record BenchCalibration(long memoryBytes, double bandwidth, Duration setup, Duration switchover) {
  /** Idle migrations the calibration takes the median of. */
  static final int RUNS = 3;

  private static final double MIB = 1024.0 * 1024;

  static BenchCalibration of(List<MigrationResult> idle) {
    if (idle.isEmpty()) {
      throw new IllegalArgumentException("a calibration needs at least one idle migration");
    }
    long memory = Math.round(median(idle, r -> r.bytesSent()));
    double bandwidth = median(idle, MigrationResult::bandwidth);
    Duration switchover =
        Duration.ofNanos(Math.round(median(idle, r -> r.guestDowntime().largestGap().toNanos())));
    Duration total = Duration.ofNanos(Math.round(median(idle, r -> r.total().toNanos())));
    Duration setup = total.minusNanos((long) (memory / bandwidth * 1e9)).minus(switchover);
    return new BenchCalibration(
        memory, bandwidth, setup.isNegative() ? Duration.ZERO : setup, switchover);
  }

  private static double median(List<MigrationResult> runs, ToDoubleFunction<MigrationResult> f) {
    return MigrationBenchTable.median(runs.stream().mapToDouble(f).toArray());
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
                "medians of "
                    + RUNS
                    + " live migrations of an idle guest, not counted: "
                    + describe(),
                "nestbed bench migration")));
  }

  String describe() {
    return String.format(
        "M = %.1f MiB sent, B = %.1f MiB/s (sampled), S = %d ms set-up,"
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
