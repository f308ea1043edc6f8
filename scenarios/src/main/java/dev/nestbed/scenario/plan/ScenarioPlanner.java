package dev.nestbed.scenario.plan;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.pool.PoolPlan;
import dev.nestbed.aggregator.pool.PoolPlanner;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.placement.CellLedger;
import dev.nestbed.partitioner.placement.CellPlacement;
import dev.nestbed.partitioner.placement.CellRoom;
import dev.nestbed.partitioner.placement.PlacementPolicy;
import dev.nestbed.partitioner.placement.PlacementRequest;
import dev.nestbed.scenario.parse.Problem;
import dev.nestbed.scenario.parse.ScenarioInvalidException;
import dev.nestbed.scenario.spec.HostSpec;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a valid scenario into a plan: pools from their member nodes (one cell per node), and each
 * partition placed on cells, explicitly ({@code cells:}) or by policy ({@code pack}: the first cell
 * with room, the default; {@code spread}: the cell with the most free memory). Admission: a
 * partition that does not fit is a problem naming the cell and the shortfall, and nothing starts.
 *
 * <p>Memory that flows during the run is admitted too ({@link GrowthAdmission}): a resize that
 * grows a partition past what its cells have left is a problem with the numbers.
 *
 * <p>A {@code host} pool adopted by uri has no cells until the run reaches its libvirt: the plan
 * holds it without cells and its partitions unplaced, and {@link #withDiscoveredPool} places them,
 * with the same admission, once the cells are known.
 */
public final class ScenarioPlanner {
  private ScenarioPlanner() {}

  public static ScenarioPlan plan(ScenarioSpec spec) {
    List<NodeSpec> nodes =
        spec.validNodes().hosts().stream().map(ScenarioPlanner::nodeSpec).toList();
    Map<String, NodeSpec> byName = new HashMap<>();
    nodes.forEach(n -> byName.put(n.name(), n));

    List<PoolPlan> pools = new ArrayList<>();
    Map<String, CellLedger> ledgers = new HashMap<>();
    for (PoolSpec pool : spec.pools()) {
      PoolPlan plan =
          pool.adoptsByUri()
              ? PoolPlanner.discovered(
                  pool.validName(), List.of(), pool.validReservePerNodeMemory())
              : PoolPlanner.plan(
                  pool.validName(),
                  pool.validBackend(),
                  pool.nodes().stream().map(byName::get).toList(),
                  pool.spare().stream().map(byName::get).toList(),
                  pool.validReservePerNodeMemory(),
                  spec.interconnect().validLatency());
      pools.add(plan);
      ledgers.put(pool.name(), ledger(plan));
    }

    List<Problem> problems = new ArrayList<>();
    Map<String, Placement> placements = new LinkedHashMap<>();
    for (PartitionDecl partition : spec.partitions()) {
      if (spec.pool(partition.validPool()).orElseThrow().adoptsByUri()) {
        placements.put(
            partition.validName(),
            new Placement(partition.validName(), partition.validPool(), List.of()));
        continue;
      }
      CellLedger ledger =
          Objects.requireNonNull(ledgers.get(partition.pool()), "every pool has a ledger");
      place(partition, ledger)
          .ifPresentOrElse(
              cells ->
                  placements.put(
                      partition.validName(),
                      new Placement(partition.validName(), partition.validPool(), cells)),
              () ->
                  problems.add(
                      new Problem(
                          partition.location(),
                          admissionMessage(partition, ledger),
                          "give the pool more or larger nodes, shrink the partition, or place it on another cell")));
    }
    if (problems.isEmpty()) {
      problems.addAll(GrowthAdmission.check(spec, placements, ledgers));
    }
    if (!problems.isEmpty()) {
      throw new ScenarioInvalidException(problems);
    }
    return new ScenarioPlan(nodes, pools, placements);
  }

  /**
   * The plan with {@code discovered}, the cells of a pool adopted by uri as its libvirt reported
   * them at run time, and that pool's partitions placed on them as {@link #plan} places them on
   * nodes. Admission is the same: all of the pool's partitions must fit at once.
   *
   * @throws NestbedException naming the pool, its URI, each partition that does not fit, and each
   *     cell's shortfall; nothing of the pool's partitions may be started then
   */
  public static ScenarioPlan withDiscoveredPool(
      ScenarioPlan plan, ScenarioSpec spec, PoolPlan discovered, String uri) {
    CellLedger ledger = ledger(discovered);
    Map<String, Placement> placements = new LinkedHashMap<>(plan.placements());
    List<String> refused = new ArrayList<>();
    for (PartitionDecl partition : spec.partitions()) {
      if (!partition.validPool().equals(discovered.name())) {
        continue;
      }
      List<String> unknown = partition.cells().stream().filter(c -> !ledger.has(c)).toList();
      if (!unknown.isEmpty()) {
        refused.add(
            "partition "
                + partition.name()
                + " names "
                + (unknown.size() == 1 ? "cell " : "cells ")
                + String.join(", ", unknown)
                + ", but its libvirt reports cells "
                + String.join(", ", ledger.cells()));
        continue;
      }
      place(partition, ledger)
          .ifPresentOrElse(
              cells ->
                  placements.put(
                      partition.validName(),
                      new Placement(partition.validName(), partition.validPool(), cells)),
              () -> refused.add(refusal(partition, ledger)));
    }
    if (!refused.isEmpty()) {
      throw new NestbedException(
          "pool "
              + discovered.name()
              + " at "
              + uri
              + " cannot hold its partitions: "
              + String.join("; ", refused),
          "its cells were discovered from that libvirt's capabilities, each less the "
              + discovered.reservePerNode()
              + " reserve-per-node; shrink the partitions, lower the reserve, "
              + "or adopt a larger machine");
    }
    List<PoolPlan> pools =
        plan.pools().stream()
            .map(p -> p.name().equals(discovered.name()) ? discovered : p)
            .toList();
    return new ScenarioPlan(plan.nodes(), pools, placements);
  }

  private static String refusal(PartitionDecl partition, CellLedger ledger) {
    return "partition "
        + partition.name()
        + " "
        + CellPlacement.shortfall(ledger, request(partition));
  }

  private static Optional<List<String>> place(PartitionDecl partition, CellLedger ledger) {
    return CellPlacement.place(ledger, request(partition));
  }

  private static String admissionMessage(PartitionDecl partition, CellLedger ledger) {
    return "partition "
        + partition.name()
        + " does not fit pool "
        + partition.pool()
        + ": "
        + CellPlacement.shortfall(ledger, request(partition));
  }

  private static PlacementRequest request(PartitionDecl partition) {
    return new PlacementRequest(
        partition.validName(),
        partition.vcpus(),
        partition.validMemory(),
        partition.cells(),
        PlacementPolicy.of(partition.policy()));
  }

  /** A ledger of the pool's cells with nothing placed yet. */
  private static CellLedger ledger(PoolPlan pool) {
    return new CellLedger(
        pool.cells().stream().map(c -> CellRoom.empty(c.node(), c.cpus(), c.memory())).toList());
  }

  private static NodeSpec nodeSpec(HostSpec host) {
    return new NodeSpec(
        host.validName(),
        host.cpus(),
        host.memory() == null ? DataSize.ofGiB(1) : host.memory(),
        host.uri(),
        host.image());
  }
}
