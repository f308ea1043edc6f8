package dev.nestbed.scenario.run;

import dev.nestbed.scenario.record.CellFree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The room on each cell of one pool while moves are planned on it: starts from the cell account
 * (what each cell has free now) and is debited and credited as planned moves take and leave room,
 * so that an evacuation or a rebalance never plans more onto a cell than it has.
 */
final class CellRooms {
  private final Map<String, Room> rooms = new LinkedHashMap<>();

  /** The current members of {@code pool}, as the cell account stands now. */
  static CellRooms of(RunState state, String pool) {
    CellRooms rooms = new CellRooms();
    for (CellFree cell : CellAccount.snapshot("", state)) {
      if (cell.pool().equals(pool)) {
        rooms.add(cell.cell(), cell.cpus(), cell.cpusFree(), cell.memoryMib(), cell.memoryFreeMib());
      }
    }
    return rooms;
  }

  CellRooms add(String cell, int cpus, int cpusFree, long memoryMib, long memoryFreeMib) {
    rooms.put(cell, new Room(cpus, cpusFree, memoryMib, memoryFreeMib));
    return this;
  }

  Set<String> cells() {
    return rooms.keySet();
  }

  boolean fits(String cell, int cpus, long mib) {
    Room room = rooms.get(cell);
    return room != null && cpus <= room.cpusFree && mib <= room.memoryFreeMib;
  }

  long memoryFreeMib(String cell) {
    return room(cell).memoryFreeMib;
  }

  private Room room(String cell) {
    Room room = rooms.get(cell);
    if (room == null) {
      throw new IllegalArgumentException("cell " + cell + " is not a cell of this pool");
    }
    return room;
  }

  void take(String cell, int cpus, long mib) {
    room(cell).add(-cpus, -mib);
  }

  void give(String cell, int cpus, long mib) {
    room(cell).add(cpus, mib);
  }

  /** The share of the cell's CPUs in use, 0 to 1 (above 1 when overcommitted). */
  double cpuLoad(String cell) {
    Room room = room(cell);
    return room.cpus == 0 ? 0 : (room.cpus - room.cpusFree) / (double) room.cpus;
  }

  /** The share of the cell's memory in use, 0 to 1. */
  double memoryLoad(String cell) {
    Room room = room(cell);
    return room.memoryMib == 0 ? 0 : (room.memoryMib - room.memoryFreeMib) / (double) room.memoryMib;
  }

  /** "n1 0 CPU and 576 MiB, n2 1 CPU and 768 MiB" for the cells except {@code except}. */
  String describe(Set<String> except) {
    List<String> parts = new ArrayList<>();
    rooms.forEach((cell, r) -> {
      if (!except.contains(cell)) {
        parts.add(cell + " " + r.cpusFree + " CPU and " + r.memoryFreeMib + " MiB");
      }
    });
    return parts.isEmpty() ? "no other cell" : String.join(", ", parts);
  }

  private static final class Room {
    final int cpus;
    final long memoryMib;
    int cpusFree;
    long memoryFreeMib;

    Room(int cpus, int cpusFree, long memoryMib, long memoryFreeMib) {
      this.cpus = cpus;
      this.cpusFree = cpusFree;
      this.memoryMib = memoryMib;
      this.memoryFreeMib = memoryFreeMib;
    }

    void add(int moreCpus, long moreMib) {
      cpusFree += moreCpus;
      memoryFreeMib += moreMib;
    }
  }
}
