package dev.nestbed.partitioner.placement;

import java.util.List;
import java.util.Optional;

/**
 * Admission and placement: the cells a partition starts on. A partition that names its cells gets
 * them if its share fits on each; otherwise its policy picks one cell with room ({@link
 * PlacementPolicy}). What is placed is taken from the ledger, so that partitions placed one after
 * the other never overfill a cell; one that does not fit takes nothing and is refused, and {@link
 * #shortfall} says why.
 */
public final class CellPlacement {
  private CellPlacement() {}

  /** The partition's cells, taken from {@code ledger}; empty when it does not fit. */
  public static Optional<List<String>> place(CellLedger ledger, PlacementRequest request) {
    if (request.namesCells()) {
      return ledger.take(request.cells(), request.vcpus(), request.memory()).isEmpty()
          ? Optional.of(request.cells())
          : Optional.empty();
    }
    Optional<String> cell =
        switch (request.policy()) {
          case PACK ->
              ledger.cells().stream()
                  .filter(c -> ledger.fits(c, request.vcpus(), request.memory()))
                  .findFirst();
          case SPREAD -> ledger.mostFreeMemoryFitting(c -> true, request.vcpus(), request.memory());
        };
    cell.ifPresent(c -> ledger.take(c, request.vcpus(), request.memory()));
    return cell.map(List::of);
  }

  /**
   * Why the partition does not fit, as the ledger stands: e.g. {@code needs 1 vCPU and 512MiB on
   * cells n1: cell n1 has 1 CPU and 256MiB free (short 256MiB)}, or for one cell to be picked, how
   * every cell stands against it.
   */
  public static String shortfall(CellLedger ledger, PlacementRequest request) {
    if (request.namesCells()) {
      return String.format(
          "needs %d vCPU and %s on cells %s: %s",
          request.vcpus(),
          request.memory(),
          String.join("+", request.cells()),
          ledger.shortfalls(request.cells(), request.vcpus(), request.memory()));
    }
    StringBuilder cells = new StringBuilder();
    for (String cell : ledger.cells()) {
      cells
          .append(cells.length() == 0 ? "" : ", ")
          .append(ledger.shortfalls(List.of(cell), request.vcpus(), request.memory()));
    }
    return String.format(
        "needs %d vCPU and %s on one cell: %s", request.vcpus(), request.memory(), cells);
  }
}
