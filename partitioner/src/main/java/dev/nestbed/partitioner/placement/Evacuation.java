package dev.nestbed.partitioner.placement;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.DataSize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the partitions on a leaving node's cell go: for each (largest memory first), the other cell
 * of the pool with the most free memory that has room for its share of CPUs and memory, as the
 * snapshot stands and debited as earlier ones are planned. All of them or none: when one does not
 * fit, nothing is planned and the error gives the numbers.
 */
public final class Evacuation {
  private Evacuation() {}

  /**
   * For each of {@code partitions} (residents of {@code pool} on {@code node}'s cell), its cells
   * with {@code node} replaced by its new cell, in the order they are to move.
   *
   * @throws NestbedException when one of them fits on no other cell; nothing may move then
   */
  public static Map<String, List<String>> plan(
      CellSnapshot pool, String node, List<String> partitions) {
    CellLedger ledger = pool.ledger();
    List<Resident> leaving = new ArrayList<>();
    for (String p : partitions) {
      leaving.add(
          pool.resident(p)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "partition " + p + " is not in the snapshot of pool " + pool.pool())));
    }
    leaving.sort(Comparator.comparing(Resident::memory).reversed());
    Map<String, List<String>> targets = new LinkedHashMap<>();
    for (Resident r : leaving) {
      int cpus = r.cpusOn(node);
      DataSize memory = pool.counted(r.memoryShare());
      String target =
          ledger
              .mostFreeMemoryFitting(c -> !c.equals(node) && !r.cells().contains(c), cpus, memory)
              .orElseThrow(
                  () ->
                      new NestbedException(
                          String.format(
                              "cannot evacuate node %s of pool %s: partition %s"
                                  + " needs %d vCPU and %d MiB on another cell, free: %s",
                              node,
                              pool.pool(),
                              r.partition(),
                              cpus,
                              memory.mib(),
                              ledger.describe(Set.of(node))),
                          "stop a partition or add a node to the pool first;"
                              + " nothing was moved"));
      ledger.take(target, cpus, memory);
      targets.put(r.partition(), r.cells().stream().map(c -> c.equals(node) ? target : c).toList());
    }
    return targets;
  }
}
