package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;

/**
 * The memory workload a partition's agent runs: it keeps {@code workingSet} allocated and rewrites
 * it at {@code dirtyRate}, which is what makes a live migration hard or easy.
 */
public record WorkloadSpec(DataSize workingSet, DataRate dirtyRate) {
  public static final WorkloadSpec DEFAULT = new WorkloadSpec(DataSize.ofMiB(16), DataRate.ZERO);
}
