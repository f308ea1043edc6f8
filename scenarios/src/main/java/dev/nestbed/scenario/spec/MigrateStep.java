package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code migrate: {partition: p1, to-pool: other, mode: precopy}}: live migration of a partition to
 * another pool. Unset tuning knobs are null and leave libvirt's defaults.
 *
 * @param mode {@code precopy} (the default), {@code postcopy} or {@code auto-converge}
 * @param maxDowntime the pause libvirt may take for the final copy
 * @param bandwidth the most the migration stream may use
 * @param connections parallel migration connections (libvirt multifd)
 * @param postcopyAfterIterations postcopy only: switch to postcopy after this many precopy passes
 * @param postcopyAfter postcopy only: switch to postcopy after this long in precopy
 * @param allowUnsafe run it even where QEMU is known to corrupt it (under TCG, a guest with memory
 *     plugged past its boot size); the checksums then say what happened
 */
public record MigrateStep(
    @Nullable String partition,
    @Nullable String toPool,
    @Nullable String mode,
    @Nullable TimeSpan maxDowntime,
    @Nullable DataRate bandwidth,
    @Nullable Integer connections,
    @Nullable Integer postcopyAfterIterations,
    @Nullable TimeSpan postcopyAfter,
    boolean allowUnsafe,
    Optional<TimeSpan> timeout,
    Location location)
    implements StepSpec {
  public static final String DEFAULT_MODE = "precopy";

  /** A migration that is refused where it is known to be unsafe. */
  public MigrateStep(
      String partition,
      String toPool,
      String mode,
      TimeSpan maxDowntime,
      DataRate bandwidth,
      Integer connections,
      Integer postcopyAfterIterations,
      TimeSpan postcopyAfter,
      Optional<TimeSpan> timeout,
      Location location) {
    this(
        partition,
        toPool,
        mode,
        maxDowntime,
        bandwidth,
        connections,
        postcopyAfterIterations,
        postcopyAfter,
        false,
        timeout,
        location);
  }

  @Override
  public String kind() {
    return "migrate";
  }

  /** Never holds null, also while a half-valid spec is being checked. */
  @Override
  public List<String> subjects() {
    return Stream.of(partition, toPool).filter(Objects::nonNull).toList();
  }

  /** Its {@code partition}, as a validated spec always has it. */
  public String validPartition() {
    return Validated.value(partition, "partition", location);
  }

  /** Its {@code to-pool}, as a validated spec always has it. */
  public String validToPool() {
    return Validated.value(toPool, "to-pool", location);
  }
}
