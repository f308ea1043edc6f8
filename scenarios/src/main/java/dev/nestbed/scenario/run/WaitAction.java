package dev.nestbed.scenario.run;

import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.record.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code wait}: for the first heartbeat of partitions (recording each boot time, from domain start
 * to first beat), or simply for a duration while everything keeps running.
 */
final class WaitAction implements StepAction {
  private final List<String> heartbeat;
  private final @Nullable TimeSpan duration;
  private final Duration deadline;

  WaitAction(List<String> heartbeat, @Nullable TimeSpan duration, Duration deadline) {
    this.heartbeat = heartbeat;
    this.duration = duration;
    this.deadline = deadline;
  }

  @Override
  public Map<String, Metric> run(RunState state) throws Exception {
    Map<String, Metric> metrics = new ConcurrentHashMap<>();
    Parallel.forEach(
        heartbeat,
        name -> {
          Partition partition = state.running(name);
          state.progress.detail(name + " booting");
          Duration boot = partition.awaitFirstHeartbeat(deadline);
          Measures.FIRST_HEARTBEAT.record(metrics, name, boot.toMillis());
          state.progress.detail(
              String.format(
                  "%s first heartbeat %.1f s after start", name, boot.toMillis() / 1000.0));
        });
    if (duration != null) {
      Thread.sleep(duration.toMillis());
    }
    return metrics;
  }
}
