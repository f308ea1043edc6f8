package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.PartitionExpect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code {partition: p1, alive: true, memory-intact: true}}: a partition's state at the end. */
final class PartitionExpectKind extends ExpectKind<PartitionExpect> {
  static final Key PARTITION =
      Key.required("partition", KeyType.PARTITION, "partition: p1", "The partition.");
  static final Key ALIVE = Key.optional("alive", KeyType.FLAG, "Its agent still answers.");
  static final Key MEMORY_INTACT =
      Key.optional("memory-intact", KeyType.FLAG, "Its memory checksums still match.");
  static final Key VCPUS_ONLINE =
      Key.optional("vcpus-online", KeyType.COUNT, "vCPUs online in the guest.");
  static final Key ON_CELLS =
      Key.optional(
          "on-cells",
          KeyType.FLAG,
          "Its vCPUs and memory" + " are on its cells, seen from inside its nested pool.");
  static final Key HEARTBEAT_GAP =
      Key.optional("heartbeat-gap", KeyType.BOUND, "Longest gap between heartbeats.");

  PartitionExpectKind() {
    super(
        "partition",
        PartitionExpect.class,
        "A partition's state at the end.",
        List.of(PARTITION, ALIVE, MEMORY_INTACT, VCPUS_ONLINE, ON_CELLS, HEARTBEAT_GAP),
        List.of(),
        List.of(
            new Row(
                "{partition: p, alive: true}",
                "the partition runs and beat within the last 3" + " s"),
            new Row(
                "{partition: p, memory-intact: true}",
                "the agent's checksum finds no word of"
                    + " its working set changed from the pattern"),
            new Row("{partition: p, vcpus-online: N}", "the agent counts N online CPUs"),
            new Row(
                "{partition: p, on-cells: true}",
                "nested pools: read inside the L1, every"
                    + " vCPU thread of p's QEMU may run only on its cells' CPUs, and at least 90% of"
                    + " its QEMU's anonymous memory is on its cells' NUMA nodes"
                    + " (`/proc/PID/numa_maps`, what numastat reads)"),
            new Row(
                "{partition: p, heartbeat-gap: {max: D}}",
                "no two heartbeats arrived further" + " apart than D (host clock)")));
  }

  @Override
  public PartitionExpect bind(ExpectArguments arguments) {
    String partition = arguments.name(PARTITION);
    arguments.about("expectation on " + partition);
    PartitionExpect expect =
        new PartitionExpect(
            partition,
            arguments.flag(ALIVE),
            arguments.flag(MEMORY_INTACT),
            arguments.count(VCPUS_ONLINE),
            arguments.flag(ON_CELLS),
            arguments.bound(HEARTBEAT_GAP),
            arguments.anchor());
    List<String> checks = keyNames().subList(1, keyNames().size());
    if (keys().stream().skip(1).noneMatch(arguments::has)) {
      arguments.problem(
          arguments.context() + ": nothing to check",
          "add "
              + String.join(", ", checks.subList(0, checks.size() - 1))
              + " or "
              + checks.get(checks.size() - 1));
    }
    return expect;
  }

  @Override
  public Optional<String> elsewhere(String key) {
    return keyNames().contains(key)
        ? Optional.of(
            key + " is checked on a partition; write it in its own expectation with partition")
        : Optional.empty();
  }

  @Override
  Optional<String> asks(PartitionExpect expect) {
    return Optional.ofNullable(expect.partition());
  }

  /** All but alive: false ask its agent or QEMU; a gap between heartbeats needs two of them. */
  @Override
  List<Key> needRunning(PartitionExpect expect, boolean started) {
    List<Key> never = new ArrayList<>();
    if (Boolean.TRUE.equals(expect.alive())) {
      never.add(ALIVE);
    }
    if (expect.memoryIntact() != null) {
      never.add(MEMORY_INTACT);
    }
    if (expect.vcpusOnline() != null) {
      never.add(VCPUS_ONLINE);
    }
    if (expect.onCells() != null) {
      never.add(ON_CELLS);
    }
    if (expect.maxHeartbeatGap() != null && !started) {
      never.add(HEARTBEAT_GAP);
    }
    return never;
  }

  /** Its partition is declared; vcpus-online within max-vcpus; on-cells in a nested pool. */
  @Override
  void check(PartitionExpect expect, ExpectWalk walk) {
    walk.partition(expect, expect.partition())
        .ifPresent(
            partition -> {
              Integer online = expect.vcpusOnline();
              if (online != null && partition.maxVcpus() > 0 && online > partition.maxVcpus()) {
                walk.problem(
                    walk.at(expect, VCPUS_ONLINE.name()),
                    "expectation on "
                        + partition.name()
                        + ": vcpus-online "
                        + online
                        + " is above max-vcpus "
                        + partition.maxVcpus(),
                    "it can never be met; expect at most " + partition.maxVcpus());
              }
              String backend =
                  walk.spec().pool(partition.pool()).map(p -> p.backend()).orElse(null);
              if (expect.onCells() != null
                  && backend != null
                  && !backend.equals("nested")
                  && !backend.equals("sim")) {
                walk.problem(
                    walk.at(expect, ON_CELLS.name()),
                    "expectation on "
                        + partition.name()
                        + ": on-cells is measured inside nested pools only; pool "
                        + partition.pool()
                        + " is a "
                        + backend
                        + " pool",
                    "put " + partition.name() + " in a nested pool, or drop on-cells");
              }
            });
  }
}
