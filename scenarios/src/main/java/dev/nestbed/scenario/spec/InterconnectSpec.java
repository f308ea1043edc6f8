package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.TimeSpan;
import org.jspecify.annotations.Nullable;

/**
 * The link between nodes: NUMA distances of a pool and the costs of the {@code sim} backend come
 * from it. A scenario without an {@code interconnect:} gets {@link #defaults}.
 */
public record InterconnectSpec(
    @Nullable TimeSpan latency, @Nullable DataRate bandwidth, Location location) {
  public static final TimeSpan DEFAULT_LATENCY = TimeSpan.ofNanos(2_000);
  public static final DataRate DEFAULT_BANDWIDTH = DataRate.ofBitsPerSecond(10_000_000_000L);

  /** 2us and 10Gbit/s, located where the section would have been. */
  public static InterconnectSpec defaults(Location location) {
    return new InterconnectSpec(DEFAULT_LATENCY, DEFAULT_BANDWIDTH, location);
  }

  /** Its {@code latency}, as a validated spec always has it. */
  public TimeSpan validLatency() {
    return Validated.value(latency, "latency", location);
  }

  /** Its {@code bandwidth}, as a validated spec always has it. */
  public DataRate validBandwidth() {
    return Validated.value(bandwidth, "bandwidth", location);
  }
}
