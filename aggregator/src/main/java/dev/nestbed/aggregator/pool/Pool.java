package dev.nestbed.aggregator.pool;

import dev.nestbed.core.libvirt.CapabilitiesTopology;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.NumaCell;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A running pool: the machine partitions are carved from. Partitions are created through {@link
 * #libvirt()}, the pool's own libvirt (the adopted host's for {@code host}, the one inside the L1
 * VM for {@code nested}).
 */
public interface Pool extends PartitionHosting, AutoCloseable {
  /** The pool's libvirt; owned by the pool, do not close it. */
  LibvirtHost libvirt();

  /**
   * Faults of the platform met while the pool was built and got over (an L1 that stopped on its own
   * while booting and was booted again), oldest first: said in the run's record, never hidden.
   */
  default List<String> bootFaults() {
    return List.of();
  }

  /** The NUMA cells the pool's own libvirt reports: the pool as seen from inside. */
  default List<NumaCell> observedCells() {
    return CapabilitiesTopology.cells(libvirt().capabilities());
  }

  /**
   * Where the QEMU process of the pool's guest {@code domainName} has its memory and may run its
   * vCPUs, read from inside the pool; empty when the pool cannot look inside (a host pool).
   */
  default Optional<ProcessPlacement> placementOf(String domainName) {
    return Optional.empty();
  }

  /** The nodes whose cells are in the pool now (the plan's members unless nodes join or leave). */
  default Set<String> members() {
    return plan().cells().stream()
        .map(Cell::node)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * Where a live migration into this pool sends the guest's memory: the address of the pool's
   * machine on the network between nodes. Empty when nestbed does not know one (a machine adopted
   * by URI, a nested pool), so migrating there is refused rather than sent the wrong way.
   */
  default Optional<String> migrationAddress() {
    return Optional.empty();
  }

  /**
   * The CPUs and NUMA nodes inside the pool of {@code cells} together, or empty when one of them
   * has no binding (see {@link #binding}).
   */
  default Optional<CellGroup> group(List<String> cells) {
    Set<Integer> cpus = new TreeSet<>();
    Set<Integer> nodes = new TreeSet<>();
    for (String cell : cells) {
      Optional<CellBinding> binding = binding(cell);
      if (binding.isEmpty()) {
        return Optional.empty();
      }
      cpus.addAll(binding.get().cpus());
      nodes.add(binding.get().numaNode());
    }
    return cells.isEmpty() ? Optional.empty() : Optional.of(new CellGroup(cpus, nodes));
  }

  /**
   * Nodes joining and leaving the pool live, when the pool can do that (a nested pool); empty for a
   * machine that is what it is (a host pool). Steps ask this; they never cast a pool.
   */
  default Optional<NodeMembership> membership() {
    return Optional.empty();
  }

  /**
   * Whether partitions move between the pool's cells live (vCPUs re-pinned, pages migrated by the
   * pool's kernel): true when the pool binds partitions to cells it controls.
   */
  default boolean movesBetweenCells() {
    return false;
  }

  /**
   * The bytes the pool's end of the interconnect between pools has received so far, read inside it;
   * empty when the pool has none. Taken before and after a migration into the pool, the difference
   * is what really crossed the network.
   */
  default OptionalLong interconnectReceivedBytes() {
    return OptionalLong.empty();
  }

  /** How many cells the pool offers now, counted from inside. */
  default int cellsNow() {
    return observedCells().size();
  }

  /** Releases what the pool created (connections, VMs); never what it adopted. */
  @Override
  void close();
}
