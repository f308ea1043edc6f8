package dev.nestbed.scenario.run;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.ResizeResult;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.record.Metric;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code resize}: live vCPU hot-add/remove and memory resize, each timed until the guest's agent
 * sees the change. Memory past the boot size is plugged by the partition's memory device
 * (virtio-mem or DIMMs), below it the balloon takes it.
 */
final class ResizeAction implements StepAction {
  private final String partition;
  private final Integer vcpus;
  private final DataSize memory;
  private final Duration deadline;

  ResizeAction(String partition, Integer vcpus, DataSize memory, Duration deadline) {
    this.partition = partition;
    this.vcpus = vcpus;
    this.memory = memory;
    this.deadline = deadline;
  }

  @Override
  public Map<String, Metric> run(RunState state) {
    Partition target = state.running(partition);
    Map<String, Metric> metrics = new LinkedHashMap<>();
    if (vcpus != null) {
      state.progress.detail(partition + ": vCPUs -> " + vcpus);
      ResizeResult result = target.resizeVcpus(vcpus, deadline);
      Measures.SEEN_AFTER_VCPUS.record(metrics, result.seenAfter().toMillis());
      Measures.VCPUS_ONLINE.record(metrics, result.status().cpusOnline());
    }
    if (memory != null) {
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
}
