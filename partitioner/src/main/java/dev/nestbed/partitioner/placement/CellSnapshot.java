package dev.nestbed.partitioner.placement;

import dev.nestbed.core.value.DataSize;
import java.util.List;
import java.util.Optional;

/**
 * The cells of one pool at one moment, as a plain value: each cell's CPUs and memory, total and
 * free, and the partitions on them. Every policy of this package decides from one.
 *
 * @param memoryUnit the account the snapshot was taken from counts memory in whole units of this (a
 *     run's cell account counts whole MiB; the plan counts bytes): what a partition holds on a cell
 *     is rounded down to it, as that account rounds it
 */
public record CellSnapshot(
    String pool, List<CellRoom> cells, List<Resident> residents, DataSize memoryUnit) {
  private static final DataSize BYTE = DataSize.ofBytes(1);

  public CellSnapshot {
    cells = List.copyOf(cells);
    residents = List.copyOf(residents);
    if (memoryUnit.isZero()) {
      throw new IllegalArgumentException("a memory unit of zero bytes counts nothing");
    }
  }

  /** A snapshot counting memory to the byte. */
  public static CellSnapshot of(String pool, List<CellRoom> cells, List<Resident> residents) {
    return new CellSnapshot(pool, cells, residents, BYTE);
  }

  /** A snapshot of an account that counts memory in whole MiB. */
  public static CellSnapshot inWholeMiB(
      String pool, List<CellRoom> cells, List<Resident> residents) {
    return new CellSnapshot(pool, cells, residents, DataSize.ofMiB(1));
  }

  public Optional<Resident> resident(String partition) {
    return residents.stream().filter(r -> r.partition().equals(partition)).findFirst();
  }

  /** {@code memory} rounded down to the snapshot's unit. */
  public DataSize counted(DataSize memory) {
    return DataSize.ofBytes(memory.bytes() / memoryUnit.bytes() * memoryUnit.bytes());
  }

  /** A working copy of the cells to plan on. */
  public CellLedger ledger() {
    return new CellLedger(cells);
  }
}
