package dev.nestbed.migration;

import dev.nestbed.core.libvirt.MigrationJobStats;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The measured dirty rate and bandwidth the {@link dev.nestbed.core.model.PrecopyModel} is fed,
 * taken from the job's samples as medians (single samples are noisy on a shared, emulated machine).
 */
final class ModelInputs {
  private ModelInputs() {}

  /**
   * M, what the first pass had to send: the guest's RAM as it is now ({@code guestBytes}: its boot
   * size, or more with memory plugged) less the pages QEMU sent as markers (never touched, or freed
   * and zeroed), as the completed job counts them. libvirt's memory_total counts a virtio-mem
   * device's whole area, plugged or not, and QEMU sends none of the unplugged part, not even as
   * markers: so the guest's own size bounds it. Empty when libvirt does not count the markers.
   */
  static OptionalLong firstPassMemory(MigrationJobStats completed, long guestBytes) {
    if (completed.memoryTotal().isEmpty() || completed.memoryConstantBytes().isEmpty()) {
      return OptionalLong.empty();
    }
    long ram = Math.min(completed.memoryTotal().getAsLong(), guestBytes);
    long m = ram - completed.memoryConstantBytes().getAsLong();
    return m > 0 ? OptionalLong.of(m) : OptionalLong.empty();
  }

  /** The median of the dirty rates QEMU measured (from the second pass on). */
  static Optional<Double> dirtyRate(List<MigrationSample> samples) {
    return median(samples, s -> s.stats().measuredDirtyRate());
  }

  /**
   * The bandwidth the link gave: the median, over consecutive samples of the first pass, of the
   * memory sent between them divided by the time between them, counting only intervals in which
   * some was sent. The first pass is the one that keeps the link busy; later passes of a dirtying
   * guest send only what it dirtied since, a fraction of the bandwidth (counting them gave 0.7
   * MiB/s for a link that carried 60). Without two such intervals, all flowing intervals count;
   * without those, QEMU's own {@code memory_bps}, which reads low while the job sets up (it made
   * the model predict minutes for seconds).
   */
  static Optional<Double> bandwidth(List<MigrationSample> samples) {
    List<Double> firstPass = flowRates(samples, true);
    List<Double> rates = firstPass.size() >= 2 ? firstPass : flowRates(samples, false);
    if (rates.isEmpty()) {
      return median(samples, s -> s.stats().bandwidthBytesPerSecond());
    }
    return medianOf(rates.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static List<Double> flowRates(List<MigrationSample> samples, boolean firstPassOnly) {
    List<Double> rates = new java.util.ArrayList<>();
    for (int i = 1; i < samples.size(); i++) {
      MigrationSample a = samples.get(i - 1);
      MigrationSample b = samples.get(i);
      OptionalLong before = a.stats().memoryProcessed();
      OptionalLong after = b.stats().memoryProcessed();
      long nanos = b.hostNanos() - a.hostNanos();
      boolean inFirstPass = b.stats().iteration().orElse(0) <= 1;
      if ((inFirstPass || !firstPassOnly)
          && before.isPresent()
          && after.isPresent()
          && after.getAsLong() > before.getAsLong()
          && nanos > 0) {
        rates.add((after.getAsLong() - before.getAsLong()) / (nanos / 1e9));
      }
    }
    return rates;
  }

  private static Optional<Double> median(
      List<MigrationSample> samples, Function<MigrationSample, OptionalLong> field) {
    double[] values =
        samples.stream()
            .map(field)
            .filter(OptionalLong::isPresent)
            .mapToLong(OptionalLong::getAsLong)
            .filter(v -> v > 0)
            .asDoubleStream()
            .toArray();
    return values.length == 0 ? Optional.empty() : medianOf(values);
  }

  private static Optional<Double> medianOf(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return Optional.of(sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
  }
}
