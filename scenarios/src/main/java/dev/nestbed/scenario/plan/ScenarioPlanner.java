package dev.nestbed.scenario.plan;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.pool.PoolPlan;
import dev.nestbed.aggregator.pool.PoolPlanner;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.parse.Problem;
import dev.nestbed.scenario.parse.ScenarioInvalidException;
import dev.nestbed.scenario.spec.HostSpec;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a valid scenario into a plan: pools from their member nodes (one cell per node), and each
 * partition placed on cells, explicitly ({@code cells:}) or by policy ({@code pack}: the first
 * cell with room, the default; {@code spread}: the cell with the most free memory). Admission:
 * a partition that does not fit is a problem naming the cell and the shortfall, and nothing starts.
 */
public final class ScenarioPlanner {
  private ScenarioPlanner() {}

  public static ScenarioPlan plan(ScenarioSpec spec) {
    List<NodeSpec> nodes = spec.nodes().hosts().stream().map(ScenarioPlanner::nodeSpec).toList();
    Map<String, NodeSpec> byName = new HashMap<>();
    nodes.forEach(n -> byName.put(n.name(), n));

    List<PoolPlan> pools = new ArrayList<>();
    Map<String, CellLedger> ledgers = new HashMap<>();
    for (PoolSpec pool : spec.pools()) {
      PoolPlan plan = PoolPlanner.plan(pool.name(), pool.backend(),
          pool.nodes().stream().map(byName::get).toList(),
          pool.spare().stream().map(byName::get).toList(),
          pool.reservePerNodeMemory(), spec.interconnect().latency());
      pools.add(plan);
      ledgers.put(pool.name(), new CellLedger(plan.cells()));
    }

    List<Problem> problems = new ArrayList<>();
    Map<String, Placement> placements = new LinkedHashMap<>();
    for (PartitionDecl partition : spec.partitions()) {
      CellLedger ledger = ledgers.get(partition.pool());
      place(partition, ledger).ifPresentOrElse(
          cells -> placements.put(partition.name(), new Placement(partition.name(), partition.pool(), cells)),
          () -> problems.add(new Problem(partition.location(), admissionMessage(partition, ledger),
              "give the pool more or larger nodes, shrink the partition, or place it on another cell")));
    }
    if (!problems.isEmpty()) {
      throw new ScenarioInvalidException(problems);
    }
    return new ScenarioPlan(nodes, pools, placements);
  }

  private static Optional<List<String>> place(PartitionDecl partition, CellLedger ledger) {
    if (!partition.cells().isEmpty()) {
      return ledger.take(partition.cells(), partition.vcpus(), partition.memory()).isEmpty()
          ? Optional.of(partition.cells()) : Optional.empty();
    }
    List<String> candidates = new ArrayList<>(ledger.cells());
    if ("spread".equals(partition.policy())) {
      candidates.sort(Comparator.comparing((String c) -> ledger.free(c).memory()).reversed());
    }
    for (String cell : candidates) {
      if (ledger.take(List.of(cell), partition.vcpus(), partition.memory()).isEmpty()) {
        return Optional.of(List.of(cell));
      }
    }
    return Optional.empty();
  }

  private static String admissionMessage(PartitionDecl partition, CellLedger ledger) {
    StringBuilder free = new StringBuilder();
    List<String> cells = partition.cells().isEmpty() ? ledger.cells() : partition.cells();
    for (String cell : cells) {
      CellLedger.Free f = ledger.free(cell);
      free.append(free.length() == 0 ? "" : ", ").append(cell).append(": ")
          .append(f.cpus()).append(" CPU, ").append(f.memory());
    }
    return String.format("partition %s does not fit pool %s: needs %d vCPU and %s on %s, free is %s",
        partition.name(), partition.pool(), partition.vcpus(), partition.memory(),
        partition.cells().isEmpty() ? "one cell" : String.join("+", partition.cells()), free);
  }

  private static NodeSpec nodeSpec(HostSpec host) {
    return new NodeSpec(host.name(), host.cpus(), host.memory() == null ? DataSize.ofGiB(1) : host.memory());
  }
}
