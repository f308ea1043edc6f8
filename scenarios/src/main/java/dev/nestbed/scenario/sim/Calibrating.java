package dev.nestbed.scenario.sim;

import dev.nestbed.core.model.MigrationCalibration;
import dev.nestbed.core.model.OperationCalibration;
import dev.nestbed.core.model.Provenance;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A calibration from real runs of the calibration scenarios ({@code scenarios/calibrate/}): each
 * constant is the median, over the runs, of the step metric it is read from, as
 * docs/model-calibration.md states. The runs' step order is the scenarios'; a run whose step did
 * not pass gives no figure, and a constant no run gave is refused, never guessed.
 */
public final class Calibrating {
  private static final double MIB = 1 << 20;

  /** What the host scenario's partition grows, shrinks and balloons by, as it is written. */
  static final DataSize PLUGGED = DataSize.ofMiB(512);

  /**
   * The working set of the host scenario's idle partition: what a migration copies beside the
   * footprint.
   */
  static final DataSize WORKING_SET = DataSize.ofMiB(16);

  /** The nested scenario's partition, whose size its moves are rated by. */
  static final DataSize MOVED = DataSize.ofMiB(192);

  private Calibrating() {}

  /**
   * The constants the host runs give (boot, hotplug, migration), and those the nested runs give
   * (node join and leave, moves), or, without nested runs, {@code otherwise}'s.
   */
  public static OperationCalibration from(
      List<RunRecord> hostRuns,
      List<RunRecord> nestedRuns,
      OperationCalibration otherwise,
      Provenance provenance) {
    if (hostRuns.isEmpty()) {
      throw new IllegalArgumentException(
          "a calibration needs at least one run of the host scenario");
    }
    double startMs = median(hostRuns, 0, step -> metric(step, "p1.start"));
    double bootMs = median(hostRuns, 1, step -> metric(step, "p1.first-heartbeat"));
    double vcpuMs = median(hostRuns, 2, step -> metric(step, "seen-after.vcpus"));
    double plugMs = median(hostRuns, 3, step -> metric(step, "seen-after.memory"));
    double unplugMs = median(hostRuns, 4, step -> metric(step, "seen-after.memory"));
    double balloonMs = median(hostRuns, 5, step -> metric(step, "seen-after.memory"));
    double totalMs = median(hostRuns, 7, step -> metric(step, "total-time"));
    double downtimeMs = median(hostRuns, 7, step -> metric(step, "downtime"));
    double sentMib = median(hostRuns, 7, step -> metric(step, "bytes-sent"));
    double bandwidthMib = median(hostRuns, 7, step -> metric(step, "bandwidth"));
    // An idle guest leaves nothing dirty for the pause: all of its downtime is the switch-over,
    // and what the total holds beyond copying and switching over is the set-up.
    double setupMs = Math.max(0, totalMs - sentMib / bandwidthMib * 1000 - downtimeMs);
    MigrationCalibration migration =
        new MigrationCalibration(
            millis(setupMs), millis(downtimeMs), bandwidthMib * MIB, provenance);
    DataSize footprint =
        DataSize.ofMiB(Math.max(0, Math.round(sentMib - WORKING_SET.bytes() / MIB)));
    Duration join = otherwise.nodeJoin();
    Duration leave = otherwise.nodeLeave();
    double moveRate = otherwise.movePageBytesPerSecond();
    Duration moveGap = otherwise.moveGuestDowntime();
    if (!nestedRuns.isEmpty()) {
      join = millis(median(nestedRuns, 2, step -> metric(step, "seen-after.node")));
      double moveMs =
          median(
              both(
                  nestedRuns,
                  3,
                  step -> metric(step, "total-time"),
                  4,
                  step -> metric(step, "p1.total-time")));
      moveRate = MOVED.bytes() / (moveMs / 1000);
      moveGap =
          millis(
              median(
                  both(
                      nestedRuns,
                      3,
                      step -> metric(step, "guest-downtime"),
                      4,
                      step -> metric(step, "p1.guest-downtime"))));
      leave = millis(median(nestedRuns, 4, step -> metric(step, "seen-after.node")));
    }
    return new OperationCalibration(
        millis(startMs),
        millis(bootMs),
        millis(vcpuMs),
        PLUGGED.bytes() / (plugMs / 1000),
        PLUGGED.bytes() / (unplugMs / 1000),
        millis(balloonMs),
        join,
        leave,
        Duration.ZERO,
        moveRate,
        moveGap,
        footprint,
        migration,
        provenance);
  }

  private static double metric(StepRecord step, String key) {
    Metric m = step.metrics().get(key);
    if (m == null) {
      throw new IllegalArgumentException(
          "step " + step.summary() + " recorded no " + key + ", which the calibration reads");
    }
    return m.value();
  }

  /** The median of one step's figure over the runs in which that step passed. */
  private static double median(
      List<RunRecord> runs, int step, ToDoubleFunction<StepRecord> figure) {
    return median(values(runs, step, figure));
  }

  private static double[] both(
      List<RunRecord> runs,
      int first,
      ToDoubleFunction<StepRecord> a,
      int second,
      ToDoubleFunction<StepRecord> b) {
    double[] one = values(runs, first, a);
    double[] two = values(runs, second, b);
    double[] all = Arrays.copyOf(one, one.length + two.length);
    System.arraycopy(two, 0, all, one.length, two.length);
    return all;
  }

  private static double[] values(
      List<RunRecord> runs, int step, ToDoubleFunction<StepRecord> figure) {
    List<Double> values = new ArrayList<>();
    for (RunRecord run : runs) {
      Optional<StepRecord> found =
          run.steps().size() > step ? Optional.of(run.steps().get(step)) : Optional.empty();
      if (found.isPresent() && found.get().outcome() == Outcome.PASSED) {
        values.add(figure.applyAsDouble(found.get()));
      }
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException(
          "no run of "
              + runs.get(0).scenario()
              + " passed step "
              + (step + 1)
              + ", which the calibration reads");
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static Duration millis(double ms) {
    return Duration.ofNanos(Math.round(ms * 1e6));
  }
}
