package dev.nestbed.aggregator.pool;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.libvirt.CapabilitiesTopology;
import dev.nestbed.core.libvirt.LibvirtCallException;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.NumaCell;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.wait.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Nodes joining and leaving a running L1: a node's vCPUs are enabled or disabled by id and a
 * spare's memory comes and goes as one DIMM in its cell. Success is judged from inside, by the L1's
 * own libvirt: the cell's CPUs online, its memory as the L1 kernel counts it.
 *
 * <p>Under TCG a leaving node's vCPUs stay plugged: QEMU 7.2 segfaulted on vCPU hot-unplug under
 * TCG here (2 of 3 tries, after the guest had offlined and ejected the CPU), taking the whole pool
 * with it. QEMU 10.0.2 did not crash (3 of 3), but the eject did not complete within the 5 s
 * libvirt waits, and libvirt still counted the vCPU as plugged, so re-adding the node failed ("vcpu
 * '2' is already in requested state"). The step says so; nestbed places nothing on a cell that
 * left.
 */
final class L1NodeHotplug {
  private static final Duration POLL = Duration.ofMillis(250);

  private final String pool;
  private final LibvirtDomain l1;
  private final LibvirtHost inner;
  private final L1Layout layout;
  private final boolean unplugsVcpus;
  private final Set<String> present = new LinkedHashSet<>();

  /**
   * @param unplugsVcpus whether a leaving node's vCPUs are unplugged (not under TCG, see above)
   */
  L1NodeHotplug(
      String pool, LibvirtDomain l1, LibvirtHost inner, L1Layout layout, boolean unplugsVcpus) {
    this.pool = pool;
    this.l1 = l1;
    this.inner = inner;
    this.layout = layout;
    this.unplugsVcpus = unplugsVcpus;
    layout.cells().stream().filter(c -> !c.spare()).forEach(c -> present.add(c.node()));
  }

  synchronized Set<String> members() {
    return Set.copyOf(present);
  }

  synchronized int activeCells() {
    return (int) present.stream().filter(node -> onlineOf(layout.cellOf(node)) > 0).count();
  }

  /** Brings {@code node} into the pool and waits until its cell's CPUs and memory are usable. */
  synchronized NodeChange add(String node, Duration within) {
    L1Layout.NodeCell cell = layout.cellOf(node);
    if (present.contains(node)) {
      throw new NestbedException(
          "node " + node + " is already a member of pool " + pool,
          "remove it first, or add one of the pool's spares");
    }
    long began = System.nanoTime();
    DataSize before = cellMemory(cell);
    BitSet online = inner.onlineCpus();
    List<Integer> plugging = cell.vcpus().stream().filter(id -> !online.get(id)).toList();
    if (!plugging.isEmpty()) {
      l1.setLiveVcpuStates(
          plugging, true); // CPUs that stayed plugged when the node left are online already
    }
    boolean hotplugsMemory = cell.spare() && !dimmPresent(cell);
    if (hotplugsMemory) {
      l1.attachLive(L1Layout.dimmXml(cell));
    }
    DataSize expected = hotplugsMemory ? DataSize.ofMiB(cell.dimmMib()) : DataSize.ZERO;
    present.add(node);
    try {
      Poll.<Boolean>waitingFor(
              "node "
                  + node
                  + "'s CPUs "
                  + cell.vcpuRange()
                  + " and "
                  + expected
                  + " of memory to come online in cell "
                  + cell.cell()
                  + " of pool "
                  + pool)
          .atMost(within)
          .every(POLL)
          .until(
              () ->
                  Optional.of(true)
                      .filter(
                          ok ->
                              onlineOf(cell) == cell.vcpus().size()
                                  && grownBy(before, cell)
                                          .compareTo(expected.minus(DataSize.ofMiB(1)))
                                      >= 0));
    } catch (NestbedException e) {
      throw new NestbedException(
          e.getMessage()
              + "; seen inside: "
              + onlineOf(cell)
              + " of "
              + cell.vcpus().size()
              + " CPUs online, memory +"
              + grownBy(before, cell),
          "see the pool's L1 console log for the guest kernel's view",
          e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    return new NodeChange(
        node,
        cell.cell(),
        onlineOf(cell),
        cell.vcpus().size(),
        grownBy(before, cell),
        expected,
        took,
        List.of());
  }

  /**
   * Takes {@code node} out of the pool: disables its vCPUs (all but vCPU 0, which the L1 cannot
   * lose) and unplugs its DIMM, then reports what the L1's kernel gave back and what it kept.
   */
  synchronized NodeChange remove(String node, Duration within) {
    L1Layout.NodeCell cell = layout.cellOf(node);
    if (!present.contains(node)) {
      throw new NestbedException(
          "node " + node + " is not a member of pool " + pool + " now",
          "only a member can leave; add-node it first");
    }
    long began = System.nanoTime();
    List<String> notes = new ArrayList<>();
    DataSize before = cellMemory(cell);
    List<Integer> removable =
        unplugsVcpus ? cell.vcpus().stream().filter(id -> id != 0).toList() : List.of();
    if (!unplugsVcpus) {
      notes.add(
          "the node's "
              + cell.vcpus().size()
              + " vCPU(s) stay plugged in the L1: QEMU under TCG does not"
              + " complete a vCPU hot-unplug (7.2 crashed, 10.0 left it pending; KVM does); no partition is placed on them");
    } else if (removable.size() < cell.vcpus().size()) {
      notes.add("vCPU 0 stays: the pool's own kernel cannot lose its boot CPU");
    }
    int onlineBefore = onlineOf(cell);
    String requestError = null;
    if (!removable.isEmpty()) {
      try {
        l1.setLiveVcpuStates(removable, false);
      } catch (LibvirtCallException e) {
        requestError = e.getMessage(); // libvirt gives up after 5 s; the guest may still finish
      }
    }
    boolean unplugsMemory = cell.spare() && dimmPresent(cell);
    if (unplugsMemory) {
      l1.detachLive(L1Layout.dimmXml(cell));
    } else if (!cell.spare()) {
      notes.add(
          "the cell's "
              + cell.bootMemoryMib()
              + " MiB of boot memory stay with the pool: memory present at boot"
              + " cannot be unplugged");
    }
    present.remove(node);
    int keptCpus = cell.vcpus().size() - removable.size();
    try {
      Poll.<Boolean>waitingFor("node " + node + " to leave pool " + pool)
          .atMost(within)
          .every(POLL)
          .until(
              () ->
                  Optional.of(true)
                      .filter(
                          ok ->
                              onlineOf(cell) <= keptCpus
                                  && (!unplugsMemory || !dimmPresent(cell))));
    } catch (NestbedException e) {
      // not a failure of the step: what stayed is read below and said in the notes
    }
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    int onlineAfter = onlineOf(cell);
    if (onlineAfter > keptCpus) {
      notes.add(
          (onlineAfter - keptCpus)
              + " CPU(s) still online inside after "
              + within.toSeconds()
              + " s"
              + (requestError == null ? "" : " (" + requestError + ")"));
    }
    if (unplugsMemory && dimmPresent(cell)) {
      notes.add(
          "the pool's kernel kept the node's "
              + cell.dimmMib()
              + " MiB DIMM: it could not offline that memory"
              + " within "
              + within.toSeconds()
              + " s (pages in use that could not be moved)");
    }
    DataSize after = cellMemory(cell);
    DataSize shrunk = before.compareTo(after) > 0 ? before.minus(after) : DataSize.ZERO;
    return new NodeChange(
        node,
        cell.cell(),
        onlineBefore - onlineAfter,
        cell.vcpus().size(),
        shrunk,
        unplugsMemory ? DataSize.ofMiB(cell.dimmMib()) : DataSize.ZERO,
        took,
        notes);
  }

  /** How many of the cell's vCPUs the L1 kernel has online (its CPU ids are the vCPU ids). */
  private int onlineOf(L1Layout.NodeCell cell) {
    BitSet online = inner.onlineCpus();
    return (int) cell.vcpus().stream().filter(online::get).count();
  }

  private DataSize cellMemory(L1Layout.NodeCell cell) {
    return CapabilitiesTopology.cells(inner.capabilities()).stream()
        .filter(c -> c.id() == cell.cell())
        .map(NumaCell::memory)
        .findFirst()
        .orElse(DataSize.ZERO);
  }

  private DataSize grownBy(DataSize before, L1Layout.NodeCell cell) {
    DataSize now = cellMemory(cell);
    return now.compareTo(before) > 0 ? now.minus(before) : DataSize.ZERO;
  }

  /** Whether the live L1 still has a DIMM in this cell. */
  private boolean dimmPresent(L1Layout.NodeCell cell) {
    return l1.liveDimmNodes().contains(cell.cell());
  }
}
