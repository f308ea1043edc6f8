package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.aggregator.pool.L1Definition;
import dev.nestbed.aggregator.pool.PoolPlan;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.image.HypervisorImage;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.partitioner.PartitionDefinition;
import dev.nestbed.partitioner.PartitionEnvironment;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.plan.ScenarioPlan;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The libvirt domains a run of a scenario defines, rendered before anything runs by the code the
 * run defines them with: each nested pool's L1 ({@link L1Definition}, defined on the pool's first
 * node), then each partition ({@link PartitionDefinition}, defined in its pool's libvirt) at the
 * site {@code start} chooses for it ({@link PartitionSites}), bound to its planned cells. Domains
 * whose shape is only known at run time (partitions of pools adopted by uri) are left out, each
 * with the reason.
 *
 * @param domains in the order the run defines them
 * @param leftOut why each domain the run may define is not among them
 */
public record PlannedDomains(List<Domain> domains, List<String> leftOut) {
  public PlannedDomains {
    domains = List.copyOf(domains);
    leftOut = List.copyOf(leftOut);
  }

  /**
   * One domain as the run defines it.
   *
   * @param what what the domain is, for the reader ("partition p1 in pool big")
   */
  public record Domain(String name, String what, String xml) {}

  /**
   * The domains of a run of {@code spec} planned as {@code plan}.
   *
   * @param runId stands for the run's id, which is random in a real run
   * @param runDirectory the run's directory ({@code <work root>/<run id>})
   * @param guestImage the partition image the run would use
   * @param hypervisorImage the hypervisor image the run would use (asked only for nested pools)
   * @param accelerator how guests execute on this machine
   */
  public static PlannedDomains of(
      ScenarioSpec spec,
      ScenarioPlan plan,
      RunId runId,
      Path runDirectory,
      GuestImage guestImage,
      Supplier<HypervisorImage> hypervisorImage,
      Accelerator accelerator) {
    String provider = spec.nodes() == null ? "local" : spec.nodes().validProvider();
    List<Domain> domains = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    for (PoolPlan pool : plan.pools()) {
      if (!pool.backend().equals("nested")) {
        continue;
      }
      String first = pool.cells().get(0).node();
      if (!provider.equals("local")) {
        leftOut.add(
            "the L1 of pool "
                + pool.name()
                + ": on "
                + provider
                + " nodes its domain XML names files placed on the node, known only when the"
                + " pool boots");
        continue;
      }
      L1Definition l1 =
          L1Definition.of(
              pool,
              runId,
              hypervisorImage.get(),
              accelerator,
              NestedPoolPlaces.directory(runDirectory, pool),
              NestedPoolPlaces.interconnect(plan, pool),
              LocalNodeProvider.addressOf(nodeIndex(plan, first)));
      domains.add(
          new Domain(
              l1.domainName(),
              "the L1 of nested pool " + pool.name() + ", on node " + first,
              l1.xml()));
    }
    PartitionEnvironment environment =
        new PartitionEnvironment(
            runId, guestImage, accelerator, RunWorkspace.partitionsIn(runDirectory), null);
    for (PartitionDecl partition : spec.partitions()) {
      Placement placement = plan.placement(partition.validName());
      PoolSpec declared = spec.pool(placement.pool()).orElseThrow();
      PoolPlan pool = plan.pool(placement.pool()).orElseThrow();
      String why = whyNotPlanned(declared, pool, placement);
      if (!why.isEmpty()) {
        leftOut.add("partition " + partition.name() + ": " + why);
        continue;
      }
      PartitionSites.Chosen chosen =
          PartitionSites.choose(
              partition.validName(),
              placement.cells(),
              new PlannedPool(
                  pool, provider, runId, NestedPoolPlaces.guestImages(guestImage), accelerator),
              environment);
      PartitionDefinition definition =
          PartitionDefinition.of(
              RunState.partitionSpec(partition), chosen.environment(), chosen.site());
      domains.add(
          new Domain(
              definition.domainName(),
              "partition " + partition.name() + " in pool " + pool.name(),
              definition.xml()));
    }
    return new PlannedDomains(domains, leftOut);
  }

  /** Empty when the run defines the partition's domain from the plan alone; otherwise why not. */
  private static String whyNotPlanned(PoolSpec declared, PoolPlan pool, Placement placement) {
    if (declared.adoptsByUri() || placement.awaitsDiscovery()) {
      return "pool "
          + pool.name()
          + " adopts the machine at "
          + declared.uri()
          + ": the CPUs it is bound to are read from that machine at run time";
    }
    if (pool.backend().equals("host") && pool.cells().size() != 1) {
      return "pool "
          + pool.name()
          + " is a host pool over "
          + pool.cells().size()
          + " nodes, which the run refuses (a host pool adopts one machine)";
    }
    if (!pool.backend().equals("host") && !pool.backend().equals("nested")) {
      return "pool "
          + pool.name()
          + " has backend "
          + pool.backend()
          + (pool.backend().equals("sim")
              ? ": a simulated pool is a model and defines no domains"
              : ", which defines no domains in this build");
    }
    return "";
  }

  /** The node's place in the order the run starts the nodes, which decides its address. */
  private static int nodeIndex(ScenarioPlan plan, String node) {
    List<String> names = plan.nodes().stream().map(NodeSpec::name).toList();
    return names.indexOf(node);
  }
}
