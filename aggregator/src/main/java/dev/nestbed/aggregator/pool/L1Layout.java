package dev.nestbed.aggregator.pool;

import dev.nestbed.core.NestbedException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How a pool's nodes map onto its L1 VM: one vNUMA cell per member node and per spare (members
 * first, in plan order), each with its own run of vCPU ids.
 *
 * <p>A member's cell boots with all the node's memory. A spare's cell boots with only a {@value
 * #SPARE_SEED_MIB} MiB seed and its vCPUs disabled; {@code add-node} enables the vCPUs and
 * hot-plugs the rest of the node's memory as one DIMM into that cell. The seed exists because
 * libvirt 9.0 cannot define a memory-less cell (it gives QEMU a memory backend of size 0, which
 * QEMU refuses); it is a whole Linux memory block, so the guest never sees a partial block.
 */
final class L1Layout {
  /** Boot memory of a spare's cell. */
  static final long SPARE_SEED_MIB = 128;

  /** Linux onlines hot-added memory in blocks of this size (x86-64 below 64 GiB). */
  static final long MEMORY_BLOCK_MIB = 128;

  /** One cell of the L1. */
  record NodeCell(
      String node, int cell, List<Integer> vcpus, boolean spare, long bootMemoryMib, long dimmMib) {
    String vcpuRange() {
      int first = vcpus.get(0);
      int last = vcpus.get(vcpus.size() - 1);
      return first == last ? String.valueOf(first) : first + "-" + last;
    }
  }

  private final List<NodeCell> cells;

  private L1Layout(List<NodeCell> cells) {
    this.cells = List.copyOf(cells);
  }

  static L1Layout of(PoolPlan plan) {
    List<NodeCell> cells = new ArrayList<>();
    int vcpu = 0;
    for (Cell member : plan.cells()) {
      cells.add(
          new NodeCell(
              member.node(),
              cells.size(),
              range(vcpu, member.cpus()),
              false,
              nodeMemoryMib(plan, member),
              0));
      vcpu += member.cpus();
    }
    for (Cell spare : plan.spares()) {
      long dimm =
          (nodeMemoryMib(plan, spare) - SPARE_SEED_MIB) / MEMORY_BLOCK_MIB * MEMORY_BLOCK_MIB;
      if (dimm <= 0) {
        throw new NestbedException(
            "spare node "
                + spare.node()
                + " of pool "
                + plan.name()
                + " has too little memory to"
                + " join a nested pool ("
                + nodeMemoryMib(plan, spare)
                + " MiB)",
            "give it at least " + (SPARE_SEED_MIB + MEMORY_BLOCK_MIB) + "MiB");
      }
      cells.add(
          new NodeCell(
              spare.node(), cells.size(), range(vcpu, spare.cpus()), true, SPARE_SEED_MIB, dimm));
      vcpu += spare.cpus();
    }
    return new L1Layout(cells);
  }

  private static List<Integer> range(int first, int count) {
    return IntStream.range(first, first + count).boxed().toList();
  }

  /**
   * A cell of L1 is the whole node: what partitions get plus what L1 itself keeps (the reserve).
   */
  static long nodeMemoryMib(PoolPlan plan, Cell cell) {
    return cell.memory().plus(plan.reservePerNode()).mib();
  }

  List<NodeCell> cells() {
    return cells;
  }

  NodeCell cellOf(String node) {
    return cells.stream()
        .filter(c -> c.node().equals(node))
        .findFirst()
        .orElseThrow(
            () ->
                new NestbedException(
                    "node " + node + " is neither a member nor a spare of this pool"));
  }

  int maxVcpus() {
    return cells.stream().mapToInt(c -> c.vcpus().size()).sum();
  }

  int bootVcpus() {
    return cells.stream().filter(c -> !c.spare()).mapToInt(c -> c.vcpus().size()).sum();
  }

  long bootMemoryMib() {
    return cells.stream().mapToLong(NodeCell::bootMemoryMib).sum();
  }

  long hotplugMemoryMib() {
    return cells.stream().mapToLong(NodeCell::dimmMib).sum();
  }

  long spareCount() {
    return cells.stream().filter(NodeCell::spare).count();
  }

  /** The DIMM that brings a spare's memory into its cell. */
  static String dimmXml(NodeCell cell) {
    return """
        <memory model='dimm'>
          <target>
            <size unit='MiB'>%d</size>
            <node>%d</node>
          </target>
        </memory>
        """
        .formatted(cell.dimmMib(), cell.cell());
  }
}
