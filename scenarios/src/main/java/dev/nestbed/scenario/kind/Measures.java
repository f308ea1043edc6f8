package dev.nestbed.scenario.kind;

import static dev.nestbed.scenario.kind.ExpectedMetric.DOWNTIME;
import static dev.nestbed.scenario.kind.ExpectedMetric.GUEST_DOWNTIME;
import static dev.nestbed.scenario.kind.ExpectedMetric.SEEN_AFTER;
import static dev.nestbed.scenario.kind.ExpectedMetric.TOTAL_TIME;

/**
 * Every figure a step records, by name. Several kinds record the same figure (a move, a migration
 * and a rebalance all have a guest-downtime), so the names live here once and each kind lists the
 * ones it records.
 */
public final class Measures {
  public static final Measure START =
      Measure.named("start", "ms", "").perPartition("from defining its domain until its QEMU runs");
  public static final Measure MODEL_MEMORY_LATENCY =
      Measure.named("model.memory-latency", "%", "")
          .perPartition(
              "the remote-cell model: its mean memory latency against all-local (100 %), its vCPUs"
                  + " and memory spread evenly over its cells at the pool's NUMA distances");
  public static final Measure FIRST_HEARTBEAT =
      Measure.named("first-heartbeat", "ms", "").perPartition("domain start to first beat");
  public static final Measure SEEN_AFTER_VCPUS =
      Measure.answering(SEEN_AFTER, "vcpus", "ms", "until the agent sees the new vCPU count");
  public static final Measure VCPUS_ONLINE =
      Measure.named("vcpus-online", "count", "vCPUs the agent counts online after it");
  public static final Measure SEEN_AFTER_MEMORY =
      Measure.answering(SEEN_AFTER, "memory", "ms", "until the agent sees the new memory size");
  public static final Measure MEM_TOTAL =
      Measure.named("mem-total", "MiB", "memory the guest's kernel has after it");
  public static final Measure MEMORY_PLUGGED =
      Measure.named(
          "memory-plugged",
          "MiB",
          "memory past the boot size that libvirt's memory devices show plugged (their current) when"
              + " the agent saw the change; libvirt follows the guest about a second later");
  public static final Measure SEEN_AFTER_NODE =
      Measure.answering(SEEN_AFTER, "node", "ms", "until the cell is usable (or gone) inside");
  public static final Measure CPUS =
      Measure.named("cpus", "count", "CPUs that came online (or left)");
  public static final Measure CPUS_PLANNED =
      Measure.named("cpus-planned", "count", "CPUs the node was to bring (or take)");
  public static final Measure MEMORY =
      Measure.named("memory", "MiB", "memory that came online (or left)");
  public static final Measure MEMORY_PLANNED =
      Measure.named("memory-planned", "MiB", "memory the node was to bring (or take)");
  public static final Measure TOTAL =
      Measure.answering(
          TOTAL_TIME, "ms", "the move or migration itself, without the checks around it");
  public static final Measure MEMORY_MOVED =
      Measure.named("memory-moved", "MiB", "memory that arrived on the new cells");
  public static final Measure MEMORY_ON_NEW_CELLS =
      Measure.named("memory-on-new-cells", "%", "share of its memory on the new cells after it");
  public static final Measure GUEST_DOWNTIME_GAP =
      Measure.answering(GUEST_DOWNTIME, "ms", "longest heartbeat gap around it (host clock)");
  public static final Measure LOST_BEATS =
      Measure.named("lost-beats", "count", "heartbeats that never arrived");
  public static final Measure LIBVIRT_DOWNTIME =
      Measure.answering(DOWNTIME, "ms", "libvirt's, when it reports one");
  public static final Measure LOST_HEARTBEATS =
      Measure.named("lost-heartbeats", "count", "heartbeats that never arrived");
  public static final Measure BYTES_SENT =
      Measure.named("bytes-sent", "MiB", "what the migration stream carried");
  public static final Measure ITERATIONS =
      Measure.named("iterations", "count", "precopy passes, when libvirt reports them");
  public static final Measure MEMORY_INTACT =
      Measure.named(
          "memory-intact", "bool", "1 when the agent's checksum found its memory unchanged");
  public static final Measure DIRTY_RATE =
      Measure.named("dirty-rate", "MiB/s", "how fast the guest dirtied memory");
  public static final Measure BANDWIDTH =
      Measure.named("bandwidth", "MiB/s", "how fast memory was copied");
  public static final Measure MODEL_ROUNDS =
      Measure.named("model.rounds", "count", "the model's passes");
  public static final Measure MODEL_TOTAL_TIME =
      Measure.named("model.total-time", "ms", "the model's total time");
  public static final Measure MODEL_DOWNTIME =
      Measure.named("model.downtime", "ms", "the model's downtime");
  public static final Measure MODEL_BYTES_SENT =
      Measure.named("model.bytes-sent", "MiB", "the model's bytes sent");
  public static final Measure MODEL_CONVERGES =
      Measure.named(
          "model.converges",
          "bool",
          "0 in place of the four above when the model says it cannot converge");
  public static final Measure INTERCONNECT_RECEIVED =
      Measure.named(
          "interconnect-received",
          "MiB",
          "between nested pools: what the destination L1's interconnect NIC received, read inside it");
  public static final Measure MOVED_TOTAL = TOTAL.perPartition("each move's own time");
  public static final Measure MOVED_MEMORY = MEMORY_MOVED.perPartition("memory each move moved");
  public static final Measure MOVED_GUEST_DOWNTIME =
      GUEST_DOWNTIME_GAP.perPartition(
          "each move's longest heartbeat gap; the step's guest-downtime is the longest of them");
  public static final Measure MOVES = Measure.named("moves", "count", "partitions moved");
  public static final Measure CPU_SPREAD_BEFORE =
      Measure.named("cpu-spread-before", "%", "most minus least loaded cell, before");
  public static final Measure CPU_SPREAD_AFTER =
      Measure.named("cpu-spread-after", "%", "the same, after");

  private Measures() {}
}
