package dev.nestbed.partitioner.placement;

import dev.nestbed.core.value.DataSize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which moves even out the load of a pool's cells, the load of a cell being the share of its CPUs
 * its partitions' vCPUs take (then, to break ties, the share of its memory). Greedily, one move at
 * a time, it takes the move of a one-cell partition to another cell with room that lowers the
 * spread (most loaded minus least loaded cell) the most, and stops when no move lowers it. Each
 * partition moves at most once; a partition spread over several cells stays where it is.
 */
public final class Rebalancing {
  private Rebalancing() {}

  /** One planned move of a partition from one cell to another. */
  public record Move(String partition, String from, String to) {}

  /**
   * The moves in order, the spread before and after them, and the partitions that stay because they
   * span several cells (by name).
   */
  public record Plan(List<Move> moves, Spread before, Spread after, List<String> spanning) {
    public Plan {
      moves = List.copyOf(moves);
      spanning = List.copyOf(spanning);
    }
  }

  public static Plan plan(CellSnapshot pool) {
    CellLedger ledger = pool.ledger();
    Map<String, Resident> movable = new LinkedHashMap<>();
    List<String> spanning = new ArrayList<>();
    pool.residents().stream()
        .sorted(Comparator.comparing(Resident::partition))
        .forEach(
            r -> {
              if (r.cells().size() == 1) {
                movable.put(r.partition(), r);
              } else {
                spanning.add(r.partition());
              }
            });
    Spread before = Spread.of(ledger);
    List<Move> moves = new ArrayList<>();
    while (true) {
      Spread now = Spread.of(ledger);
      Optional<Candidate> best =
          candidates(pool, ledger, movable).stream()
              .filter(c -> c.after.compareTo(now) < 0)
              .min(Comparator.comparing(Candidate::after));
      if (best.isEmpty()) {
        return new Plan(moves, before, now, spanning);
      }
      Move move = best.get().move;
      Resident r =
          Objects.requireNonNull(
              movable.remove(move.partition()), "a candidate moves a movable one");
      DataSize memory = pool.counted(r.memory());
      ledger.give(move.from(), r.vcpus(), memory);
      ledger.take(move.to(), r.vcpus(), memory);
      moves.add(move);
    }
  }

  private static List<Candidate> candidates(
      CellSnapshot pool, CellLedger ledger, Map<String, Resident> movable) {
    List<Candidate> out = new ArrayList<>();
    movable.forEach(
        (name, r) -> {
          String from = r.cells().get(0);
          DataSize memory = pool.counted(r.memory());
          for (String to : ledger.cells()) {
            if (!to.equals(from) && ledger.fits(to, r.vcpus(), memory)) {
              ledger.give(from, r.vcpus(), memory);
              ledger.take(to, r.vcpus(), memory);
              out.add(new Candidate(new Move(name, from, to), Spread.of(ledger)));
              ledger.give(to, r.vcpus(), memory);
              ledger.take(from, r.vcpus(), memory);
            }
          }
        });
    return out;
  }

  private record Candidate(Move move, Spread after) {}

  /** Most loaded minus least loaded cell, CPUs first, then memory; smaller is more even. */
  public record Spread(double cpu, double memory) implements Comparable<Spread> {
    private static final double EPSILON = 1e-9;

    static Spread of(CellLedger ledger) {
      double cpuMax = Double.NEGATIVE_INFINITY;
      double cpuMin = Double.POSITIVE_INFINITY;
      double memMax = Double.NEGATIVE_INFINITY;
      double memMin = Double.POSITIVE_INFINITY;
      for (String cell : ledger.cells()) {
        CellRoom room = ledger.room(cell);
        cpuMax = Math.max(cpuMax, room.cpuLoad());
        cpuMin = Math.min(cpuMin, room.cpuLoad());
        memMax = Math.max(memMax, room.memoryLoad());
        memMin = Math.min(memMin, room.memoryLoad());
      }
      return ledger.cells().isEmpty()
          ? new Spread(0, 0)
          : new Spread(cpuMax - cpuMin, memMax - memMin);
    }

    @Override
    public int compareTo(Spread o) {
      if (Math.abs(cpu - o.cpu) > EPSILON) {
        return Double.compare(cpu, o.cpu);
      }
      return Math.abs(memory - o.memory) > EPSILON ? Double.compare(memory, o.memory) : 0;
    }
  }
}
