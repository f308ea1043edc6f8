package dev.nestbed.partitioner.placement;

import dev.nestbed.core.value.DataSize;

/**
 * One cell of a pool: the CPUs and memory it offers and what of them is free.
 *
 * @param cpusFree negative when the partitions on the cell hold more vCPUs than it has CPUs
 * @param memoryFreeBytes negative when the partitions on the cell hold more memory than it offers
 *     (a partition grown past its boot size, say); a count of bytes, since a size cannot be
 *     negative
 */
public record CellRoom(String cell, int cpus, DataSize memory, int cpusFree, long memoryFreeBytes) {
  /** A cell with nothing placed on it yet. */
  public static CellRoom empty(String cell, int cpus, DataSize memory) {
    return new CellRoom(cell, cpus, memory, cpus, memory.bytes());
  }

  /** A cell as an account in whole MiB states it. */
  public static CellRoom ofMiB(
      String cell, int cpus, int cpusFree, long memoryMib, long memoryFreeMib) {
    return new CellRoom(
        cell,
        cpus,
        DataSize.ofMiB(memoryMib),
        cpusFree,
        Math.multiplyExact(memoryFreeMib, 1L << 20));
  }

  /** Whether {@code vcpus} and {@code need} fit in what is free. */
  public boolean fits(int vcpus, DataSize need) {
    return vcpus <= cpusFree && need.bytes() <= memoryFreeBytes;
  }

  /** This cell with {@code vcpus} and {@code amount} more in use (fewer when negative). */
  CellRoom taking(int vcpus, long amountBytes) {
    return new CellRoom(cell, cpus, memory, cpusFree - vcpus, memoryFreeBytes - amountBytes);
  }

  /** The share of the cell's CPUs in use, 0 to 1 (above 1 when overcommitted). */
  public double cpuLoad() {
    return cpus == 0 ? 0 : (cpus - cpusFree) / (double) cpus;
  }

  /** The share of the cell's memory in use, 0 to 1 (above 1 when overcommitted). */
  public double memoryLoad() {
    return memory.isZero() ? 0 : (memory.bytes() - memoryFreeBytes) / (double) memory.bytes();
  }
}
