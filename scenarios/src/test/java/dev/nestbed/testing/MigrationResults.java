package dev.nestbed.testing;

import dev.nestbed.core.model.MigrationPrediction;
import dev.nestbed.core.model.PrecopyModel;
import dev.nestbed.migration.GuestDowntime;
import dev.nestbed.migration.MigrationMode;
import dev.nestbed.migration.MigrationResult;
import dev.nestbed.migration.MigrationSample;
import dev.nestbed.partitioner.agent.MemoryChecksum;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link MigrationResult} for tests: an intact pre-copy migration of p1 from n1 to n2, whose
 * figures a test sets only where it looks at them.
 */
public final class MigrationResults {
  private static final long MIB = 1L << 20;

  private Duration total = Duration.ofMillis(1500);
  private Duration libvirtTotal = Duration.ofMillis(1400);
  private Optional<Duration> libvirtDowntime = Optional.of(Duration.ofMillis(20));
  private GuestDowntime guestDowntime = new GuestDowntime(Duration.ofMillis(50), 100, 0, 0, 200);
  private long bytesSent = 80 * MIB;
  private long memoryTotal = 256 * MIB;
  private OptionalLong iterations = OptionalLong.of(2);
  private double dirtyRate;
  private double bandwidth = 100.0 * MIB;
  private long modelMemory = 112 * MIB;
  private MigrationPrediction prediction =
      PrecopyModel.predict(112 * MIB, 32 * MIB, 0, 100.0 * MIB, Duration.ofMillis(300));
  private List<MigrationSample> samples = List.of();
  private long startedNanos;

  private MigrationResults() {}

  public static MigrationResults precopy() {
    return new MigrationResults();
  }

  public MigrationResults total(Duration total, Duration libvirtTotal) {
    this.total = total;
    this.libvirtTotal = libvirtTotal;
    return this;
  }

  public MigrationResults libvirtDowntime(Optional<Duration> libvirtDowntime) {
    this.libvirtDowntime = libvirtDowntime;
    return this;
  }

  public MigrationResults guestDowntime(GuestDowntime guestDowntime) {
    this.guestDowntime = guestDowntime;
    return this;
  }

  public MigrationResults sent(long bytesSent, long memoryTotal) {
    this.bytesSent = bytesSent;
    this.memoryTotal = memoryTotal;
    return this;
  }

  public MigrationResults iterations(OptionalLong iterations) {
    this.iterations = iterations;
    return this;
  }

  /** The dirty rate QEMU measured and the bandwidth, both in bytes per second. */
  public MigrationResults rates(double dirtyRate, double bandwidth) {
    this.dirtyRate = dirtyRate;
    this.bandwidth = bandwidth;
    return this;
  }

  public MigrationResults model(long modelMemory, MigrationPrediction prediction) {
    this.modelMemory = modelMemory;
    this.prediction = prediction;
    return this;
  }

  public MigrationResults samples(List<MigrationSample> samples, long startedNanos) {
    this.samples = samples;
    this.startedNanos = startedNanos;
    return this;
  }

  public MigrationResult build() {
    MemoryChecksum ok = new MemoryChecksum("00ff", 32 * MIB, 0);
    return new MigrationResult(
        "p1",
        "n1",
        "n2",
        MigrationMode.PRECOPY,
        total,
        libvirtTotal,
        libvirtDowntime,
        guestDowntime,
        bytesSent,
        memoryTotal,
        iterations,
        dirtyRate,
        MigrationResult.DIRTY_MEASURED_BY_QEMU,
        bandwidth,
        modelMemory,
        PrecopyModel.QEMU_DEFAULT_DOWNTIME,
        prediction,
        ok,
        ok,
        false,
        true,
        samples,
        startedNanos);
  }
}
