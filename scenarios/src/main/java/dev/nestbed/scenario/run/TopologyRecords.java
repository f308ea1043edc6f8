package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.pool.Cell;
import dev.nestbed.core.libvirt.NumaCell;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.plan.ScenarioPlan;
import dev.nestbed.scenario.record.Topology;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The plan (and the nodes' addresses once they run) as the report's topology, with where each
 * partition a step moved or migrated was at the end.
 */
public final class TopologyRecords {
  private TopologyRecords() {}

  /** The plan as the report's topology, with what ran and where moved partitions ended. */
  public static Topology of(
      ScenarioSpec spec,
      ScenarioPlan plan,
      Map<String, Node> running,
      Map<String, List<NumaCell>> observed,
      Map<String, List<String>> bootFaults,
      Map<String, Placement> moved) {
    List<Topology.NodeInfo> nodes =
        plan.nodes().stream()
            .map(
                n ->
                    new Topology.NodeInfo(
                        n.name(),
                        spec.validNodes().validProvider(),
                        n.cpus(),
                        n.memory().mib(),
                        running.containsKey(n.name()) ? running.get(n.name()).address() : "",
                        running.containsKey(n.name()) && running.get(n.name()).files().isPresent()
                            ? running.get(n.name()).describe()
                            : ""))
            .toList();
    List<Topology.PoolInfo> pools =
        plan.pools().stream()
            .map(
                p ->
                    new Topology.PoolInfo(
                        p.name(),
                        p.backend(),
                        p.cells().stream().map(TopologyRecords::cell).toList(),
                        p.distances(),
                        p.spares().stream().map(Cell::node).toList(),
                        observed.getOrDefault(p.name(), List.of()).stream()
                            .map(TopologyRecords::observedCell)
                            .toList(),
                        bootFaults.getOrDefault(p.name(), List.of())))
            .toList();
    List<Topology.PlacementInfo> placements =
        spec.partitions().stream()
            .map(d -> placement(d, plan.placement(d.validName()), moved.get(d.validName())))
            .toList();
    return new Topology(nodes, pools, placements);
  }

  private static Topology.ObservedCell observedCell(NumaCell cell) {
    return new Topology.ObservedCell(
        cell.id(),
        cell.cpus().size(),
        cell.memory().mib(),
        cell.distances().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(Map.Entry::getValue)
            .toList());
  }

  private static Topology.CellInfo cell(Cell c) {
    return new Topology.CellInfo(c.node(), c.cpus(), c.memory().mib());
  }

  private static Topology.PlacementInfo placement(
      PartitionDecl d, Placement p, @Nullable Placement end) {
    return new Topology.PlacementInfo(
        d.validName(),
        d.validPool(),
        p.cells(),
        d.vcpus(),
        d.maxVcpus(),
        d.validMemory().mib(),
        end == null ? null : end.pool(),
        end == null ? null : end.cells());
  }
}
