package dev.nestbed.scenario.run;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.ResizeResult;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.record.CellFree;
import dev.nestbed.scenario.record.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code resize}: live vCPU hot-add/remove and memory resize, each timed until the guest's agent
 * sees the change. Memory past the boot size is plugged by the partition's memory device
 * (virtio-mem or DIMMs), below it the balloon takes it.
 */
final class ResizeAction implements StepAction {
  private final String partition;
  private final @Nullable Integer vcpus; // null: leave them
  private final @Nullable DataSize memory; // null: leave it
  private final Duration deadline;

  ResizeAction(
      String partition, @Nullable Integer vcpus, @Nullable DataSize memory, Duration deadline) {
    this.partition = partition;
    this.vcpus = vcpus;
    this.memory = memory;
    this.deadline = deadline;
  }

  @Override
  public Map<String, Metric> run(RunState state) {
    Partition target = state.running(partition);
    Map<String, Metric> metrics = new LinkedHashMap<>();
    Integer vcpus = this.vcpus;
    DataSize memory = this.memory;
    if (vcpus != null) {
      state.progress.detail(partition + ": vCPUs -> " + vcpus);
      ResizeResult result = target.resizeVcpus(vcpus, deadline);
      Measures.SEEN_AFTER_VCPUS.record(metrics, result.seenAfter().toMillis());
      Measures.VCPUS_ONLINE.record(metrics, result.status().cpusOnline());
    }
    if (memory != null) {
      refuseGrowthTheCellsCannotGive(state, target, memory);
      state.progress.detail(partition + ": memory -> " + memory);
      ResizeResult result = target.resizeMemory(memory, deadline);
      Measures.SEEN_AFTER_MEMORY.record(metrics, result.seenAfter().toMillis());
      Measures.MEM_TOTAL.record(metrics, Metric.mib(result.status().memTotal()).value());
      if (target.spec().growsPastBoot()) {
        Measures.MEMORY_PLUGGED.record(metrics, Metric.mib(result.pluggedByLibvirt()).value());
      }
    }
    return metrics;
  }

  /**
   * The growth comes from the cells the partition sits on: each must have its share free now, by
   * the same account the report's free-per-cell table shows. {@code validate} refuses what the plan
   * shows; this catches what only the run knows (a partition that migrated, discovered cells).
   */
  private void refuseGrowthTheCellsCannotGive(RunState state, Partition target, DataSize memory) {
    DataSize now = CellAccount.sizeNow(target).memory();
    if (memory.compareTo(now) <= 0) {
      return;
    }
    Placement placement = state.placement(partition);
    List<String> cells = placement.cells();
    if (cells.isEmpty()) {
      return;
    }
    DataSize share = Placement.memoryShare(memory.minus(now), cells.size());
    List<String> shortCells = new ArrayList<>();
    for (CellFree row : CellAccount.snapshot("resize", state)) {
      if (row.pool().equals(placement.pool())
          && cells.contains(row.cell())
          && share.mib() > row.memoryFreeMib()) {
        shortCells.add(
            "cell "
                + row.cell()
                + " has "
                + row.memoryFreeMib()
                + "MiB free of "
                + row.memoryMib()
                + "MiB");
      }
    }
    if (!shortCells.isEmpty()) {
      throw new NestbedException(
          "cannot grow partition "
              + partition
              + " from "
              + now
              + " to "
              + memory
              + " in pool "
              + placement.pool()
              + ": it needs "
              + share
              + " more on each of cells "
              + String.join(", ", cells)
              + ", and "
              + String.join("; ", shortCells),
          "grow it less, or stop or move other partitions off those cells first;"
              + " the partition keeps running with "
              + now);
    }
  }
}
