package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.record.Metric;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A typed name of one figure a step records: the name it has in results.json, its unit, whether it
 * is recorded once per partition ({@code p1.start}), and the expectation metric it answers, if any.
 * Actions record through it and the expectation checks read through it, so a name is written once.
 *
 * @param feeds the expectation metric it answers; null for figures no expectation reads
 * @param description what it is, for the README's step table
 */
public record Measure(
    String name,
    String unit,
    boolean perPartition,
    @Nullable ExpectedMetric feeds,
    String description) {
  static Measure named(String name, String unit, String description) {
    return new Measure(name, unit, false, null, description);
  }

  /** The figure an expectation metric reads, under the metric's own name. */
  static Measure answering(ExpectedMetric metric, String unit, String description) {
    return new Measure(metric.keyword(), unit, false, metric, description);
  }

  /**
   * One of several figures an expectation metric reads the largest of: {@code seen-after.vcpus}.
   */
  static Measure answering(ExpectedMetric metric, String part, String unit, String description) {
    return new Measure(metric.keyword() + "." + part, unit, false, metric, description);
  }

  /** The same figure recorded for each partition, which answers no expectation by itself. */
  Measure perPartition(String description) {
    return new Measure(name, unit, true, null, description);
  }

  /** The key it is recorded under; for a per-partition figure, use {@link #key(String)}. */
  public String key() {
    if (perPartition) {
      throw new IllegalStateException(name + " is recorded per partition");
    }
    return name;
  }

  /** The key it is recorded under for one partition. */
  public String key(String partition) {
    return partition + "." + name;
  }

  /** A value of it, in its unit. */
  public Metric of(double value) {
    return new Metric(value, unit);
  }

  /** Records a value of it under {@link #key()}. */
  public void record(Map<String, Metric> into, double value) {
    into.put(key(), of(value));
  }

  /** Records a count or a number of milliseconds, exact as long as it is below 2^53. */
  public void record(Map<String, Metric> into, long value) {
    record(into, (double) value);
  }

  /** Records a count or a number of milliseconds for one partition. */
  public void record(Map<String, Metric> into, String partition, long value) {
    record(into, partition, (double) value);
  }

  /** Records a value of it for one partition, under {@link #key(String)}. */
  public void record(Map<String, Metric> into, String partition, double value) {
    into.put(key(partition), of(value));
  }

  /** The expectation metric it answers. */
  public Optional<ExpectedMetric> answers() {
    return Optional.ofNullable(feeds);
  }

  /** As the README names it: {@code `<p>.start` (ms)}. */
  String describe() {
    String shown = "`" + (perPartition ? "<p>." + name : name) + "` (" + unit + ")";
    return description.isEmpty() ? shown : shown + ": " + description;
  }
}
