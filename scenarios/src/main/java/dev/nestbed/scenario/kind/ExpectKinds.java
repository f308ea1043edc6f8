package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.kind.ExpectKind.Row;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every kind of expectation, in the order the language documents them. */
public final class ExpectKinds {
  public static final Key ALIVE = Key.optional("alive", KeyType.FLAG, "Its agent still answers.");
  public static final Key MEMORY_INTACT = Key.optional("memory-intact", KeyType.FLAG,
      "Its memory checksums still match.");
  public static final Key VCPUS_ONLINE = Key.optional("vcpus-online", KeyType.COUNT,
      "vCPUs online in the guest.");
  public static final Key ON_CELLS = Key.optional("on-cells", KeyType.FLAG, "Its vCPUs and memory"
      + " are on its cells, seen from inside its nested pool.");
  public static final Key HEARTBEAT_GAP = Key.optional("heartbeat-gap", KeyType.BOUND,
      "Longest gap between heartbeats.");
  public static final Key CELLS = Key.required("cells", KeyType.WHOLE, "cells: 2",
      "Number of member nodes.");

  public static final ExpectKind PARTITION = new ExpectKind("partition",
      "A partition's state at the end.", List.of(
          Key.required("partition", KeyType.PARTITION, "partition: p1", "The partition."),
          ALIVE, MEMORY_INTACT, VCPUS_ONLINE, ON_CELLS, HEARTBEAT_GAP),
      List.of(), List.of(
          new Row("{partition: p, alive: true}", "the partition runs and beat within the last 3 s"),
          new Row("{partition: p, memory-intact: true}", "the agent's checksum finds no word of its"
              + " working set changed from the pattern"),
          new Row("{partition: p, vcpus-online: N}", "the agent counts N online CPUs"),
          new Row("{partition: p, on-cells: true}", "nested pools: read inside the L1, every vCPU"
              + " thread of p's QEMU may run only on its cells' CPUs, and at least 90% of its QEMU's"
              + " anonymous memory is on its cells' NUMA nodes (`/proc/PID/numa_maps`, what numastat"
              + " reads)"),
          new Row("{partition: p, heartbeat-gap: {max: D}}", "no two heartbeats arrived further apart"
              + " than D (host clock)")));

  public static final ExpectKind STEP = new ExpectKind("step",
      "Times measured on steps of one kind.", Stream.concat(Stream.of(
          Key.choice("step", StepKinds.keywords(), null, "The step keyword.")
              .asRequired("step: migrate"),
          Key.optional("partition", KeyType.PARTITION, "The partition the step acts on.")),
          Stream.of(ExpectedMetric.values()).map(m -> Key.optional(m.keyword(), KeyType.BOUND,
              m.description()))).toList(),
      List.of(ExpectedMetric.values()), List.of(new Row(
          "{step: K, partition: p, seen-after: {max: D}}", "the last step of kind K on p saw its"
              + " change within D (also `total-time`, `guest-downtime`, `downtime`; `min:` too)."
              + " `validate` refuses a metric the step kind does not record: " + answering())));

  public static final ExpectKind POOL = new ExpectKind("pool", "A pool's shape at the end.",
      List.of(Key.required("pool", KeyType.POOL, "pool: big", "The pool."),
          CELLS),
      List.of(), List.of(new Row("{pool: P, cells: N}", "the pool has N cells now, counted from"
          + " inside (for a nested pool: member cells with CPUs online in the L1)")));

  /** All of them, in documented order. */
  public static final List<ExpectKind> ALL = List.of(PARTITION, STEP, POOL);

  private ExpectKinds() {}

  /** {@code `seen-after` on resize, add-node, remove-node; ...}, from the step kinds' measures. */
  private static String answering() {
    return Stream.of(ExpectedMetric.values()).filter(m -> !m.onEveryStep())
        .map(m -> "`" + m.keyword() + "` on " + String.join(", ", StepKinds.answering(m)))
        .collect(Collectors.joining("; "));
  }
}
