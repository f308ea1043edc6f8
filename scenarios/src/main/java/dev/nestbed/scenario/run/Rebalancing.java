package dev.nestbed.scenario.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code rebalance} moves partitions: it evens out the load of a pool's cells, the load of
 * a cell being the share of its CPUs its partitions' vCPUs take (then, to break ties, the share
 * of its memory). Greedily, one move at a time, it takes the move of a one-cell partition to
 * another cell with room that lowers the spread (most loaded minus least loaded cell) the most,
 * and stops when no move lowers it. Each partition moves at most once; a partition spread over
 * several cells stays where it is.
 */
final class Rebalancing {
  private Rebalancing() {}

  /** A partition on one cell, and what it takes there. */
  record Resident(String cell, int cpus, long mib) {}

  /** One planned move. */
  record Move(String partition, String from, String to) {}

  /** The moves, in order, that even out {@code rooms} (debited as they are planned). */
  static List<Move> plan(CellRooms rooms, Map<String, Resident> residents) {
    Map<String, Resident> movable = new LinkedHashMap<>();
    residents.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> movable.put(e.getKey(), e.getValue()));
    List<Move> moves = new ArrayList<>();
    while (true) {
      Spread now = Spread.of(rooms);
      Optional<Candidate> best = candidates(rooms, movable).stream()
          .filter(c -> c.after.compareTo(now) < 0)
          .min(Comparator.comparing(Candidate::after));
      if (best.isEmpty()) {
        return moves;
      }
      Candidate c = best.get();
      Resident r = Objects.requireNonNull(movable.remove(c.move.partition()), "a candidate moves a movable one");
      rooms.give(r.cell(), r.cpus(), r.mib());
      rooms.take(c.move.to(), r.cpus(), r.mib());
      moves.add(c.move);
    }
  }

  private static List<Candidate> candidates(CellRooms rooms, Map<String, Resident> movable) {
    List<Candidate> out = new ArrayList<>();
    movable.forEach((name, r) -> {
      for (String to : rooms.cells()) {
        if (!to.equals(r.cell()) && rooms.fits(to, r.cpus(), r.mib())) {
          rooms.give(r.cell(), r.cpus(), r.mib());
          rooms.take(to, r.cpus(), r.mib());
          out.add(new Candidate(new Move(name, r.cell(), to), Spread.of(rooms)));
          rooms.give(to, r.cpus(), r.mib());
          rooms.take(r.cell(), r.cpus(), r.mib());
        }
      }
    });
    return out;
  }

  private record Candidate(Move move, Spread after) {}

  /** Most loaded minus least loaded cell, CPUs first, then memory; smaller is more even. */
  record Spread(double cpu, double memory) implements Comparable<Spread> {
    private static final double EPSILON = 1e-9;

    static Spread of(CellRooms rooms) {
      double cpuMax = Double.NEGATIVE_INFINITY;
      double cpuMin = Double.POSITIVE_INFINITY;
      double memMax = Double.NEGATIVE_INFINITY;
      double memMin = Double.POSITIVE_INFINITY;
      for (String cell : rooms.cells()) {
        cpuMax = Math.max(cpuMax, rooms.cpuLoad(cell));
        cpuMin = Math.min(cpuMin, rooms.cpuLoad(cell));
        memMax = Math.max(memMax, rooms.memoryLoad(cell));
        memMin = Math.min(memMin, rooms.memoryLoad(cell));
      }
      return rooms.cells().isEmpty() ? new Spread(0, 0) : new Spread(cpuMax - cpuMin, memMax - memMin);
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
