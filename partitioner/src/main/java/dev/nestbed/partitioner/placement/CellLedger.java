package dev.nestbed.partitioner.placement;

import dev.nestbed.core.value.DataSize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What each cell of a pool has left while decisions are planned on it: starts from a snapshot and
 * is debited and credited as placements and moves take and leave room, so that nothing is ever
 * planned onto a cell that has no room for it. Cells keep the order they were given in, which
 * breaks every tie.
 */
public final class CellLedger {
  private final Map<String, CellRoom> rooms = new LinkedHashMap<>();

  public CellLedger(List<CellRoom> cells) {
    cells.forEach(c -> rooms.put(c.cell(), c));
  }

  public List<String> cells() {
    return List.copyOf(rooms.keySet());
  }

  public boolean has(String cell) {
    return rooms.containsKey(cell);
  }

  public CellRoom room(String cell) {
    CellRoom room = rooms.get(cell);
    if (room == null) {
      throw new IllegalArgumentException("no cell " + cell + " among " + rooms.keySet());
    }
    return room;
  }

  public boolean fits(String cell, int vcpus, DataSize memory) {
    CellRoom room = rooms.get(cell);
    return room != null && room.fits(vcpus, memory);
  }

  public void take(String cell, int vcpus, DataSize memory) {
    rooms.put(cell, room(cell).taking(vcpus, memory.bytes()));
  }

  public void give(String cell, int vcpus, DataSize memory) {
    rooms.put(cell, room(cell).taking(-vcpus, -memory.bytes()));
  }

  /**
   * Of the cells {@code eligible} accepts, the one with the most free memory that has room for
   * {@code vcpus} and {@code memory}; among equals, the first in the ledger's order. The rule
   * behind the spread policy, the destination of a migration and the target of an evacuation.
   */
  public Optional<String> mostFreeMemoryFitting(
      Predicate<String> eligible, int vcpus, DataSize memory) {
    return rooms.keySet().stream()
        .filter(c -> eligible.test(c) && fits(c, vcpus, memory))
        .max(Comparator.comparingLong(c -> room(c).memoryFreeBytes()));
  }

  /** Whether every one of {@code cells} is a cell of this ledger. */
  public boolean knows(List<String> cells) {
    return !cells.isEmpty() && rooms.keySet().containsAll(cells);
  }

  /**
   * Takes a partition's share from each of {@code cells}, split as {@link CellShares} splits it,
   * when every share fits; otherwise takes nothing and says which cell refused, e.g. {@code cell n1
   * needs 1 vCPU and 512MiB, has 1 CPU and 256MiB free}.
   */
  public Optional<String> take(List<String> cells, int vcpus, DataSize memory) {
    DataSize memoryShare = CellShares.memoryShare(memory, cells.size());
    for (int i = 0; i < cells.size(); i++) {
      int cpuShare = CellShares.cpuShare(vcpus, cells.size(), i);
      if (!fits(cells.get(i), cpuShare, memoryShare)) {
        CellRoom room = room(cells.get(i));
        return Optional.of(
            String.format(
                "cell %s needs %d vCPU and %s, has %d CPU and %s free",
                cells.get(i),
                cpuShare,
                memoryShare,
                room.cpusFree(),
                sizeText(room.memoryFreeBytes())));
      }
    }
    for (int i = 0; i < cells.size(); i++) {
      take(cells.get(i), CellShares.cpuShare(vcpus, cells.size(), i), memoryShare);
    }
    return Optional.empty();
  }

  /**
   * Gives a partition's share back to each of {@code cells} (it stopped, moved away or shrank),
   * split as {@link #take(List, int, DataSize)} took it; cells the ledger does not know are
   * skipped.
   */
  public void give(List<String> cells, int vcpus, DataSize memory) {
    DataSize memoryShare = CellShares.memoryShare(memory, cells.size());
    for (int i = 0; i < cells.size(); i++) {
      if (has(cells.get(i))) {
        give(cells.get(i), CellShares.cpuShare(vcpus, cells.size(), i), memoryShare);
      }
    }
  }

  /**
   * How each of {@code cells} stands against a partition's share of it (split as {@link #take(List,
   * int, DataSize)} splits), e.g. {@code cell 0 has 1 CPU and 1GiB free (short 1 vCPU and 512MiB)};
   * cells where the share fits say only what they have free.
   */
  public String shortfalls(List<String> cells, int vcpus, DataSize memory) {
    DataSize memoryShare = CellShares.memoryShare(memory, cells.size());
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      int cpuShare = CellShares.cpuShare(vcpus, cells.size(), i);
      CellRoom room = room(cells.get(i));
      List<String> missing = new ArrayList<>();
      if (cpuShare > room.cpusFree()) {
        missing.add((cpuShare - room.cpusFree()) + " vCPU");
      }
      if (memoryShare.bytes() > room.memoryFreeBytes()) {
        missing.add(DataSize.ofBytes(memoryShare.bytes() - room.memoryFreeBytes()).toString());
      }
      out.append(out.length() == 0 ? "" : ", ")
          .append("cell ")
          .append(cells.get(i))
          .append(" has ")
          .append(room.cpusFree())
          .append(" CPU and ")
          .append(sizeText(room.memoryFreeBytes()))
          .append(" free")
          .append(missing.isEmpty() ? "" : " (short " + String.join(" and ", missing) + ")");
    }
    return out.toString();
  }

  /**
   * "n1 0 CPU and 576 MiB, n2 1 CPU and 768 MiB": what the cells except {@code except} have free.
   */
  public String describe(Set<String> except) {
    List<String> parts = new ArrayList<>();
    rooms.forEach(
        (cell, r) -> {
          if (!except.contains(cell)) {
            parts.add(
                cell
                    + " "
                    + r.cpusFree()
                    + " CPU and "
                    + r.memoryFreeBytes() / (1L << 20)
                    + " MiB");
          }
        });
    return parts.isEmpty() ? "no other cell" : String.join(", ", parts);
  }

  private static String sizeText(long bytes) {
    return bytes < 0 ? "-" + DataSize.ofBytes(-bytes) : DataSize.ofBytes(bytes).toString();
  }
}
