package dev.nestbed.scenario.run;

import dev.nestbed.core.NestbedException;
import dev.nestbed.scenario.plan.Placement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where the partitions on a leaving node's cell go: for each (largest memory first), the other
 * cell of the pool with the most free memory that has room for its share of CPUs and memory, as
 * the cell account stands now. All of them or none: when one does not fit, nothing has moved yet
 * and the error gives the numbers.
 */
final class Evacuation {
  private Evacuation() {}

  private static CellAccount.Size sizeOf(Map<String, CellAccount.Size> sizes, String partition) {
    return Objects.requireNonNull(sizes.get(partition), "every leaving partition was sized");
  }

  /** For each partition, its cells with {@code node} replaced by its new cell. */
  static Map<String, List<String>> plan(RunState state, String pool, String node, List<String> partitions) {
    CellRooms rooms = CellRooms.of(state, pool);
    Map<String, CellAccount.Size> sizes = new LinkedHashMap<>();
    partitions.forEach(p -> sizes.put(p, CellAccount.sizeNow(state.running(p))));
    List<String> leaving = new ArrayList<>(partitions);
    leaving.sort(Comparator.comparing((String p) -> sizeOf(sizes, p).memory()).reversed());
    Map<String, List<String>> targets = new LinkedHashMap<>();
    for (String p : leaving) {
      List<String> cells = state.placement(p).cells();
      // its share on the leaving cell, split as admission and the cell account split it
      int cpus = Placement.cpuShare(sizeOf(sizes, p).vcpus(), cells.size(), cells.indexOf(node));
      long mib = Placement.memoryShare(sizeOf(sizes, p).memory(), cells.size()).mib();
      String target = rooms.cells().stream()
          .filter(c -> !c.equals(node) && !cells.contains(c) && rooms.fits(c, cpus, mib))
          .max(Comparator.comparingLong(rooms::memoryFreeMib))
          .orElseThrow(() -> new NestbedException(String.format("cannot evacuate node %s of pool %s: partition %s"
              + " needs %d vCPU and %d MiB on another cell, free: %s", node, pool, p, cpus, mib,
              rooms.describe(Set.of(node))), "stop a partition or add a node to the pool first; nothing was moved"));
      rooms.take(target, cpus, mib);
      targets.put(p, cells.stream().map(c -> c.equals(node) ? target : c).toList());
    }
    return targets;
  }
}
