package dev.nestbed.scenario.spec;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code {partition: p1, alive: true, memory-intact: true}}: the state of a partition at the end of
 * the run, as its agent reports it. Unset checks are null; at least one is set.
 *
 * @param memoryIntact whether the agent's memory checksums still match
 * @param vcpusOnline how many vCPUs the guest has online
 * @param onCells whether the partition sits on its cells, measured inside its (nested) pool: every
 *     vCPU thread of its QEMU may run only on its cells' CPUs, and at least {@code
 *     ProcessPlacement.ON_CELLS_MEMORY_SHARE} (90%) of its QEMU's anonymous memory is on its cells'
 *     NUMA nodes
 * @param maxHeartbeatGap the longest gap between heartbeats over the whole run, written {@code
 *     heartbeat-gap: {max: 1s}}
 */
public record PartitionExpect(
    @Nullable String partition,
    @Nullable Boolean alive,
    @Nullable Boolean memoryIntact,
    @Nullable Integer vcpusOnline,
    @Nullable Boolean onCells,
    @Nullable Bound maxHeartbeatGap,
    Location location)
    implements ExpectSpec {

  /** E.g. {@code p1 alive, memory-intact, vcpus-online 2, heartbeat-gap <= 1s}. */
  @Override
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (alive != null) {
      parts.add(alive ? "alive" : "not alive");
    }
    if (memoryIntact != null) {
      parts.add(memoryIntact ? "memory-intact" : "not memory-intact");
    }
    if (vcpusOnline != null) {
      parts.add("vcpus-online " + vcpusOnline);
    }
    if (onCells != null) {
      parts.add(onCells ? "on-cells" : "not on-cells");
    }
    if (maxHeartbeatGap != null) {
      parts.add("heartbeat-gap " + maxHeartbeatGap);
    }
    return partition + " " + String.join(", ", parts);
  }

  /** Its {@code partition}, as a validated spec always has it. */
  public String validPartition() {
    return Validated.value(partition, "partition", location);
  }
}
