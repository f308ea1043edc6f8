package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.report.HumanFormat;
import dev.nestbed.scenario.spec.HostSpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a pool's member nodes offer partitions: their memory minus the reserve each keeps, and their
 * CPUs. {@link #memoryWorking()} and {@link #cpusWorking()} show the arithmetic, so a rejection can
 * be checked by hand.
 */
record PoolOffer(List<HostSpec> members, DataSize reservePerNode) {
  DataSize memory() {
    DataSize total = DataSize.ZERO;
    for (HostSpec host : members) {
      DataSize memory = host.memory(); // never null: the ledger offers only sized hosts
      if (memory != null && memory.isGreaterThan(reservePerNode)) {
        total = total.plus(memory.minus(reservePerNode));
      }
    }
    return total;
  }

  int cpus() {
    return members.stream().mapToInt(HostSpec::cpus).sum();
  }

  /**
   * E.g. {@code 2 nodes x 1.5GiB - 256MiB reserve} or {@code n1 3GiB + n2 2GiB, each - 256MiB
   * reserve}.
   */
  String memoryWorking() {
    if (members.stream().map(HostSpec::memory).distinct().count() == 1) {
      return count() + " x " + members.get(0).memory() + " - " + reservePerNode + " reserve";
    }
    return members.stream().map(h -> h.name() + " " + h.memory()).collect(Collectors.joining(" + "))
        + ", each - "
        + reservePerNode
        + " reserve";
  }

  /** E.g. {@code 2 nodes x 2} or {@code n1 2 + n2 4}. */
  String cpusWorking() {
    if (members.stream().mapToInt(HostSpec::cpus).distinct().count() == 1) {
      return count() + " x " + members.get(0).cpus();
    }
    return members.stream().map(h -> h.name() + " " + h.cpus()).collect(Collectors.joining(" + "));
  }

  private String count() {
    return HumanFormat.count(members.size(), "node");
  }
}
