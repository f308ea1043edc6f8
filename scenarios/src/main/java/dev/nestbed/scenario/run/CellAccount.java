package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.Cell;
import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.placement.CellRoom;
import dev.nestbed.partitioner.placement.CellSnapshot;
import dev.nestbed.partitioner.placement.Resident;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.record.CellFree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each cell of each running pool has free at a moment of the run: the cell's CPUs and memory
 * (for the nodes in the pool then: a spare counts once it joined) less the share of every running
 * partition placed on it, at its size now (vCPUs as its libvirt reports them, memory as its last
 * resize left it, seen by its agent: plugged memory included, balloon taken off), split over its
 * cells as admission splits it.
 */
final class CellAccount {
  private static final Logger log = LoggerFactory.getLogger(CellAccount.class);

  private CellAccount() {}

  static List<CellFree> snapshot(String afterStep, RunState state) {
    Map<String, List<Resident>> byPool = new LinkedHashMap<>();
    residents(state, pool -> true)
        .forEach(
            r ->
                byPool
                    .computeIfAbsent(state.placement(r.partition()).pool(), k -> new ArrayList<>())
                    .add(r));
    List<CellFree> rows = new ArrayList<>();
    for (Pool pool : state.pools()) {
      rows.addAll(rows(afterStep, pool, byPool.getOrDefault(pool.name(), List.of())));
    }
    return rows;
  }

  /**
   * The cells of running pool {@code pool} as the account stands now (in whole MiB), and the
   * partitions on them, for the placement policy to decide from.
   */
  static CellSnapshot cells(RunState state, String pool) {
    List<Resident> residents = residents(state, pool::equals);
    List<CellRoom> cells = new ArrayList<>();
    for (Pool running : state.pools()) {
      if (running.name().equals(pool)) {
        rows("", running, residents)
            .forEach(
                row ->
                    cells.add(
                        CellRoom.ofMiB(
                            row.cell(),
                            row.cpus(),
                            row.cpusFree(),
                            row.memoryMib(),
                            row.memoryFreeMib())));
      }
    }
    return CellSnapshot.inWholeMiB(pool, cells, residents);
  }

  /** The running partitions of the pools {@code inPool} accepts, at their size now. */
  private static List<Resident> residents(RunState state, Predicate<String> inPool) {
    List<Resident> residents = new ArrayList<>();
    state
        .runningPartitions()
        .values()
        .forEach(
            p -> {
              String name = p.spec().name();
              Placement at = state.placement(name);
              if (inPool.test(at.pool())) {
                Size size = sizeNow(p);
                residents.add(new Resident(name, size.vcpus(), size.memory(), at.cells()));
              }
            });
    return residents;
  }

  private static List<CellFree> rows(String afterStep, Pool pool, List<Resident> residents) {
    Map<String, Used> used = new LinkedHashMap<>();
    for (Resident resident : residents) {
      for (String cell : resident.cells()) {
        used.computeIfAbsent(cell, c -> new Used())
            .add(resident.cpusOn(cell), resident.memoryShare());
      }
    }
    List<CellFree> rows = new ArrayList<>();
    Stream.concat(pool.plan().cells().stream(), pool.plan().spares().stream())
        .filter(cell -> pool.members().contains(cell.node()))
        .forEach(
            cell ->
                rows.add(
                    row(afterStep, pool.name(), cell, used.getOrDefault(cell.node(), new Used()))));
    return rows;
  }

  private static CellFree row(String afterStep, String pool, Cell cell, Used used) {
    return new CellFree(
        afterStep,
        pool,
        cell.node(),
        cell.cpus() - used.cpus,
        cell.cpus(),
        cell.memory().mib() - used.memory.mib(),
        cell.memory().mib());
  }

  /**
   * The partition's size now; its declared size if its libvirt cannot tell (it just died, say).
   * Evacuation and rebalance plan with the same sizes the account counts.
   */
  static Size sizeNow(Partition partition) {
    try {
      return new Size(partition.vcpusNow(), partition.memoryNow());
    } catch (RuntimeException e) {
      log.debug(
          "size of {} now: {}; counting its declared size",
          partition.spec().name(),
          e.getMessage());
      return new Size(partition.spec().vcpus(), partition.spec().memory());
    }
  }

  record Size(int vcpus, DataSize memory) {}

  private static final class Used {
    int cpus;
    DataSize memory = DataSize.ZERO;

    void add(int moreCpus, DataSize moreMemory) {
      cpus += moreCpus;
      memory = memory.plus(moreMemory);
    }
  }
}
