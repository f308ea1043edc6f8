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
 * {@code resize}: live vCPU hot-add/remove and memory ballooning, each timed until the guest's
 * agent sees the change. Growing memory past the boot size needs memory hot-add, which this
 * backend does not do yet: that fails as not supported, and the partition keeps running.
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
      if (memory.compareTo(target.spec().memory()) > 0) {
        throw new NotSupportedException("growing memory past the boot size (" + target.spec().memory()
            + ") by hot-add", state.plan.pool(state.placement(partition).pool()).orElseThrow().backend());
      }
      state.progress.detail(partition + ": memory -> " + memory);
      ResizeResult result = target.resizeMemory(memory, deadline);
      Measures.SEEN_AFTER_MEMORY.record(metrics, result.seenAfter().toMillis());
      Measures.MEM_TOTAL.record(metrics, Metric.mib(result.status().memTotal()).value());
    }
    return metrics;
  }
}
