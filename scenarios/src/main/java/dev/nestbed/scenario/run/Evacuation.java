package dev.nestbed.scenario.run;

import dev.nestbed.core.NestbedException;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.record.CellFree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the partitions on a leaving node's cell go: for each (largest memory first), the other
 * cell of the pool with the most free memory that has room for its share of CPUs and memory, as
 * the cell account stands now. All of them or none: when one does not fit, nothing has moved yet
 * and the error gives the numbers.
 */
final class Evacuation {
  private Evacuation() {}

  /** For each partition, its cells with {@code node} replaced by its new cell. */
  static Map<String, List<String>> plan(RunState state, String pool, String node, List<String> partitions) {
    Map<String, Room> room = new LinkedHashMap<>();
    for (CellFree cell : CellAccount.snapshot("", state)) {
      if (cell.pool().equals(pool) && !cell.cell().equals(node)) {
        room.put(cell.cell(), new Room(cell.cpusFree(), cell.memoryFreeMib()));
      }
    }
    List<Partition> leaving = new ArrayList<>(partitions.stream().map(state::running).toList());
    leaving.sort(Comparator.comparing((Partition p) -> p.memoryNow()).reversed());
    Map<String, List<String>> targets = new LinkedHashMap<>();
    for (Partition p : leaving) {
      List<String> cells = state.placement(p.spec().name()).cells();
      // its share on the leaving cell, split as admission and the cell account split it
      int cpus = Placement.cpuShare(p.vcpusNow(), cells.size(), cells.indexOf(node));
      long mib = Placement.memoryShare(p.memoryNow(), cells.size()).mib();
      String target = room.entrySet().stream()
          .filter(e -> !cells.contains(e.getKey()) && e.getValue().fits(cpus, mib))
          .max(Comparator.comparingLong(e -> e.getValue().memoryMib))
          .map(Map.Entry::getKey)
          .orElseThrow(() -> new NestbedException(String.format("cannot evacuate node %s of pool %s: partition %s"
              + " needs %d vCPU and %d MiB on another cell, free: %s", node, pool, p.spec().name(), cpus, mib,
              describe(room)), "stop a partition or add a node to the pool first; nothing was moved"));
      room.get(target).take(cpus, mib);
      targets.put(p.spec().name(), cells.stream().map(c -> c.equals(node) ? target : c).toList());
    }
    return targets;
  }

  private static String describe(Map<String, Room> room) {
    if (room.isEmpty()) {
      return "no other cell";
    }
    List<String> parts = new ArrayList<>();
    room.forEach((cell, r) -> parts.add(cell + " " + r.cpus + " CPU and " + r.memoryMib + " MiB"));
    return String.join(", ", parts);
  }

  private static final class Room {
    int cpus;
    long memoryMib;

    Room(int cpus, long memoryMib) {
      this.cpus = cpus;
      this.memoryMib = memoryMib;
    }

    boolean fits(int needCpus, long needMib) {
      return needCpus <= cpus && needMib <= memoryMib;
    }

    void take(int usedCpus, long usedMib) {
      cpus -= usedCpus;
      memoryMib -= usedMib;
    }
  }
}
