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

  /** The median throughput of the memory stream while it ran. */
  static Optional<Double> bandwidth(List<MigrationSample> samples) {
    return median(samples, s -> s.stats().bandwidthBytesPerSecond());
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
