package dev.nestbed.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * What {@code nestbed bench migration} measured, kept per row of the matrix (dirty rate x mode) and
 * per virsh pair, and shown as medians with their spread: one sample says little on a shared
 * machine. The text table and the JSON document are rendered from the same rows, so they carry the
 * same figures.
 */
final class MigrationBenchTable {
  /** Goal of issue 18: the model's total and data within this fraction of the measured median. */
  static final double TOTAL_AND_DATA_GOAL = 0.20;

  /** Downtime goal: within this fraction of the measured median, or {@link #DOWNTIME_GOAL_MS}. */
  static final double DOWNTIME_GOAL = 0.50;

  static final long DOWNTIME_GOAL_MS = 50;

  private static final double MIB = 1024.0 * 1024;

  /**
   * One migration made by nestbed, with what the model predicted for it (its inputs, such as the
   * dirty rate measured, differ from run to run).
   *
   * @param libvirtDowntimeMs negative when libvirt did not report it
   * @param passes negative when libvirt did not report them
   * @param dirtyBytesPerSecond the dirty rate measured: QEMU's, else the one the guest's agent
   *     counted over the migration (what the guest really did, which under TCG may be far less than
   *     asked); negative when neither measured one
   */
  record Sample(
      long totalMs,
      long libvirtDowntimeMs,
      long guestDowntimeMs,
      long sentBytes,
      long passes,
      boolean postcopy,
      double dirtyBytesPerSecond,
      boolean converges,
      long modelTotalMs,
      long modelDowntimeMs,
      long modelSentBytes) {}

  /**
   * One pair of the overhead comparison, made back to back on the same kind of fresh guest:
   * nestbed's pre-copy migration, then plain {@code virsh migrate}.
   *
   * @param nestbedCallMs nestbed's migration call
   * @param nestbedMs the same with nestbed's checksums before and after
   * @param guest what the guest said after virsh moved it
   */
  record Pair(long nestbedCallMs, long nestbedMs, long virshMs, String guest) {
    double callRatio() {
      return nestbedCallMs / (double) virshMs;
    }
  }

  private final int repeat;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Map<String, List<Pair>> pairs = new LinkedHashMap<>();
  private final Map<String, List<String>> virshFailures = new LinkedHashMap<>();

  MigrationBenchTable(int repeat) {
    this.repeat = repeat;
  }

  void add(String rate, String mode, Sample sample) {
    row(rate, mode).samples.add(sample);
  }

  void fail(String rate, String mode, String why) {
    row(rate, mode).failures.add(why);
  }

  void addPair(String rate, Pair pair) {
    pairs.computeIfAbsent(rate, r -> new ArrayList<>()).add(pair);
  }

  void failVirsh(String rate, String why) {
    virshFailures.computeIfAbsent(rate, r -> new ArrayList<>()).add(why);
  }

  private Row row(String rate, String mode) {
    return rows.computeIfAbsent(rate + " " + mode, k -> new Row(rate, mode));
  }

  /** The median table, the model beside it, then the overhead pairs. */
  void printText(PrintWriter out) {
    out.printf(
        "%-8s %-13s %3s %9s %13s %7s %7s %8s %6s %7s %9s %7s %8s %6s %6s %6s%n",
        "dirty",
        "mode",
        "n",
        "total ms",
        "min-max",
        "lv down",
        "gst dwn",
        "sent MiB",
        "passes",
        "D MiB/s",
        "model ms",
        "m down",
        "m MiB",
        "total",
        "data",
        "down");
    for (Row row : rows.values()) {
      if (row.samples.isEmpty()) {
        out.printf(
            "%-8s %-13s %3d  all failed: %s%n",
            row.rate, row.mode, 0, String.join("; ", row.failures));
        continue;
      }
      out.printf(
          "%-8s %-13s %3d %9s %13s %7s %7s %8s %6s %7s %9s %7s %8s %6s %6s %6s%s%n",
          row.rate,
          row.mode + (row.anyPostcopy() ? "*" : ""),
          row.samples.size(),
          whole(row.median(Sample::totalMs)),
          row.min(Sample::totalMs) + "-" + row.max(Sample::totalMs),
          whole(row.medianOf(Sample::libvirtDowntimeMs)),
          whole(row.median(Sample::guestDowntimeMs)),
          mib(row.median(s -> s.sentBytes())),
          whole(row.medianOf(Sample::passes)),
          tenths(
              row.medianOf(s -> s.dirtyBytesPerSecond() < 0 ? -1 : s.dirtyBytesPerSecond() / MIB)),
          row.converges() ? whole(row.median(Sample::modelTotalMs)) : "never",
          row.converges() ? whole(row.median(Sample::modelDowntimeMs)) : "-",
          row.converges() ? mib(row.median(s -> s.modelSentBytes())) : "-",
          ratio(row.totalRatio()),
          ratio(row.dataRatio()),
          ratio(row.downtimeRatio()),
          row.failures.isEmpty()
              ? ""
              : "  (" + row.failures.size() + " failed: " + row.failures.get(0) + ")");
    }
    for (Map.Entry<String, List<Pair>> rate : pairs.entrySet()) {
      List<Pair> list = rate.getValue();
      out.printf(
          "%-8s nestbed precopy / virsh: median %.2f over %d pairs (each: %s); virsh median %s ms; %s%n",
          rate.getKey(),
          median(list.stream().mapToDouble(Pair::callRatio).toArray()),
          list.size(),
          String.join(" ", list.stream().map(p -> String.format("%.2f", p.callRatio())).toList()),
          whole(median(list.stream().mapToDouble(Pair::virshMs).toArray())),
          list.get(list.size() - 1).guest());
    }
    virshFailures.forEach(
        (rate, why) ->
            out.printf("%-8s virsh failed %d times: %s%n", rate, why.size(), why.get(0)));
    out.println(
        "n: migrations measured (of "
            + repeat
            + "); medians, min-max of the total; * switched to post-copy; D: the dirty rate measured"
            + " (QEMU's, else the guest's over the migration); model: pre-copy, fed by the calibration migration and each migration's D;"
            + " total/data/down: model over measured median, goal within ±20 % (downtime ±50 % or 50 ms).");
  }

  /** The same figures as {@link #printText}, as one JSON document. */
  void addTo(ObjectNode document) {
    document.put("repeat", repeat);
    ArrayNode list = document.putArray("rows");
    for (Row row : rows.values()) {
      ObjectNode json =
          list.addObject().put("rate", row.rate).put("mode", row.mode).put("n", row.samples.size());
      ArrayNode samples = json.putArray("samples");
      for (Sample s : row.samples) {
        samples
            .addObject()
            .put("totalMs", s.totalMs())
            .put("libvirtDowntimeMs", s.libvirtDowntimeMs() < 0 ? null : s.libvirtDowntimeMs())
            .put("guestDowntimeMs", s.guestDowntimeMs())
            .put("sentMiB", round(s.sentBytes() / MIB))
            .put("passes", s.passes() < 0 ? null : s.passes())
            .put("postcopy", s.postcopy())
            .put(
                "measuredDirtyMiBs",
                s.dirtyBytesPerSecond() < 0 ? null : round(s.dirtyBytesPerSecond() / MIB))
            .put("modelConverges", s.converges())
            .put("modelTotalMs", s.modelTotalMs())
            .put("modelDowntimeMs", s.modelDowntimeMs())
            .put("modelSentMiB", round(s.modelSentBytes() / MIB));
      }
      ArrayNode failures = json.putArray("failures");
      row.failures.forEach(failures::add);
      if (row.samples.isEmpty()) {
        continue;
      }
      json.put("medianTotalMs", Math.round(row.median(Sample::totalMs)))
          .put("minTotalMs", row.min(Sample::totalMs))
          .put("maxTotalMs", row.max(Sample::totalMs))
          .put("medianLibvirtDowntimeMs", orNull(row.medianOf(Sample::libvirtDowntimeMs)))
          .put("medianGuestDowntimeMs", Math.round(row.median(Sample::guestDowntimeMs)))
          .put("medianSentMiB", round(row.median(s -> s.sentBytes()) / MIB))
          .put("medianPasses", orNull(row.medianOf(Sample::passes)))
          .put(
              "medianMeasuredDirtyMiBs",
              orNullTenths(
                  row.medianOf(
                      s -> s.dirtyBytesPerSecond() < 0 ? -1 : s.dirtyBytesPerSecond() / MIB)))
          .put("modelConverges", row.converges());
      if (row.converges()) {
        json.put("modelTotalMs", Math.round(row.median(Sample::modelTotalMs)))
            .put("modelDowntimeMs", Math.round(row.median(Sample::modelDowntimeMs)))
            .put("modelSentMiB", round(row.median(s -> s.modelSentBytes()) / MIB))
            .put("totalRatio", round(row.totalRatio()))
            .put("dataRatio", round(row.dataRatio()))
            .put("downtimeRatio", round(row.downtimeRatio()))
            .put("withinGoal", row.withinGoal());
      }
    }
    ArrayNode virsh = document.putArray("virsh");
    for (Map.Entry<String, List<Pair>> rate : pairs.entrySet()) {
      ObjectNode json = virsh.addObject().put("rate", rate.getKey());
      ArrayNode each = json.putArray("pairs");
      for (Pair p : rate.getValue()) {
        each.addObject()
            .put("nestbedCallMs", p.nestbedCallMs())
            .put("nestbedWithChecksumsMs", p.nestbedMs())
            .put("virshMs", p.virshMs())
            .put("ratio", round(p.callRatio()))
            .put("guest", p.guest());
      }
      json.put(
          "medianRatio",
          round(median(rate.getValue().stream().mapToDouble(Pair::callRatio).toArray())));
    }
    virshFailures.forEach(
        (rate, why) -> {
          ObjectNode json = virsh.addObject().put("rate", rate);
          json.putArray("pairs");
          ArrayNode failures = json.putArray("failures");
          why.forEach(failures::add);
        });
  }

  /** The measurements of one (rate, mode) cell of the matrix. */
  private static final class Row {
    final String rate;
    final String mode;
    final List<Sample> samples = new ArrayList<>();
    final List<String> failures = new ArrayList<>();

    Row(String rate, String mode) {
      this.rate = rate;
      this.mode = mode;
    }

    boolean anyPostcopy() {
      return samples.stream().anyMatch(Sample::postcopy);
    }

    /** The model's figures are medians only when every run converged in the model. */
    boolean converges() {
      return samples.stream().allMatch(Sample::converges);
    }

    double median(ToDoubleFunction<Sample> figure) {
      return MigrationBenchTable.median(samples.stream().mapToDouble(figure).toArray());
    }

    /** The median over the samples that report the figure (a negative one is unreported). */
    OptionalDouble medianOf(ToDoubleFunction<Sample> figure) {
      double[] reported = samples.stream().mapToDouble(figure).filter(v -> v >= 0).toArray();
      return reported.length == 0
          ? OptionalDouble.empty()
          : OptionalDouble.of(MigrationBenchTable.median(reported));
    }

    long min(ToDoubleFunction<Sample> figure) {
      return (long) samples.stream().mapToDouble(figure).min().orElseThrow();
    }

    long max(ToDoubleFunction<Sample> figure) {
      return (long) samples.stream().mapToDouble(figure).max().orElseThrow();
    }

    double totalRatio() {
      return converges() ? median(Sample::modelTotalMs) / median(Sample::totalMs) : Double.NaN;
    }

    double dataRatio() {
      return converges()
          ? median(s -> s.modelSentBytes()) / median(s -> s.sentBytes())
          : Double.NaN;
    }

    /** Against the guest's downtime: the pause the partition's user sees. */
    double downtimeRatio() {
      double measured = median(Sample::guestDowntimeMs);
      return converges() && measured > 0 ? median(Sample::modelDowntimeMs) / measured : Double.NaN;
    }

    boolean withinGoal() {
      double downtimeOff =
          Math.abs(median(Sample::modelDowntimeMs) - median(Sample::guestDowntimeMs));
      return converges()
          && Math.abs(totalRatio() - 1) <= TOTAL_AND_DATA_GOAL
          && Math.abs(dataRatio() - 1) <= TOTAL_AND_DATA_GOAL
          && (downtimeOff <= DOWNTIME_GOAL_MS || Math.abs(downtimeRatio() - 1) <= DOWNTIME_GOAL);
    }
  }

  /** The middle value; the mean of the two middle ones for an even count. */
  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("the median of nothing");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static String whole(double value) {
    return String.valueOf(Math.round(value));
  }

  private static String whole(OptionalDouble value) {
    return value.isPresent() ? whole(value.getAsDouble()) : "-";
  }

  private static String mib(double bytes) {
    return String.format("%.1f", bytes / MIB);
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "-" : String.format("%.2f", value);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static String tenths(OptionalDouble value) {
    return value.isPresent() ? String.format("%.1f", value.getAsDouble()) : "-";
  }

  private static @Nullable Double orNullTenths(OptionalDouble value) {
    return value.isPresent() ? Math.round(value.getAsDouble() * 10) / 10.0 : null;
  }

  private static @Nullable Long orNull(OptionalDouble value) {
    return value.isPresent() ? Math.round(value.getAsDouble()) : null;
  }
}
