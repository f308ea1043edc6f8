package dev.nestbed.migration;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The measured dirty rate and bandwidth the {@link PrecopyModel} is fed, taken from the job's
 * samples as medians (single samples are noisy on a shared, emulated machine).
 */
final class ModelInputs {
  private ModelInputs() {}

  /** QEMU measures the dirty rate from the second pass on; the median of what it reported. */
  static Optional<Double> dirtyRate(List<MigrationSample> samples) {
    return median(samples.stream().filter(s -> s.stats().iteration().orElse(0) >= 2).toList(),
        s -> s.stats().dirtyRateBytesPerSecond());
  }

  /**
   * The throughput while memory was actually flowing: the median, over consecutive samples, of
   * the memory sent between them divided by the time between them, counting only intervals in
   * which some was sent. QEMU's own {@code memory_bps} is the rate of its last accounting period
   * and reads low while the job sets up, which made the model predict minutes for seconds; it is
   * the fallback when fewer than two samples saw memory flow.
   */
  static Optional<Double> bandwidth(List<MigrationSample> samples) {
    List<Double> rates = new java.util.ArrayList<>();
    for (int i = 1; i < samples.size(); i++) {
      OptionalLong before = samples.get(i - 1).stats().memoryProcessed();
      OptionalLong after = samples.get(i).stats().memoryProcessed();
      long nanos = samples.get(i).hostNanos() - samples.get(i - 1).hostNanos();
      if (before.isPresent() && after.isPresent() && after.getAsLong() > before.getAsLong() && nanos > 0) {
        rates.add((after.getAsLong() - before.getAsLong()) / (nanos / 1e9));
      }
    }
    if (rates.isEmpty()) {
      return median(samples, s -> s.stats().bandwidthBytesPerSecond());
    }
    double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return Optional.of(sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
  }

  private static Optional<Double> median(List<MigrationSample> samples, Function<MigrationSample, OptionalLong> field) {
    double[] values = samples.stream().map(field).filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong)
        .filter(v -> v > 0).sorted().asDoubleStream().toArray();
    if (values.length == 0) {
      return Optional.empty();
    }
    int mid = values.length / 2;
    return Optional.of(values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2);
  }
}
