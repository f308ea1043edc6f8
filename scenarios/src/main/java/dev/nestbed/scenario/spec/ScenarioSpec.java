package dev.nestbed.scenario.spec;

import java.util.List;
import java.util.Optional;

/**
 * One experiment, as a scenario file declares it, already validated: every name it references
 * exists, every value carries its unit, and the partitions of each pool fit that pool.
 *
 * @param name a short identifier used in reports and run directories
 * @param description free text for people; empty when absent
 * @param interconnect never null: defaults apply when the file has none
 * @param steps in file order; empty when the file has none
 * @param expectations the {@code expect:} list in file order; empty when absent
 */
public record ScenarioSpec(String name, String description, NodesSpec nodes,
    InterconnectSpec interconnect, List<PoolSpec> pools, List<PartitionDecl> partitions,
    List<StepSpec> steps, List<ExpectSpec> expectations, Location location) {

  public ScenarioSpec {
    pools = List.copyOf(pools);
    partitions = List.copyOf(partitions);
    steps = List.copyOf(steps);
    expectations = List.copyOf(expectations);
  }

  /** The partition declared with this name. */
  public Optional<PartitionDecl> partition(String partitionName) {
    return partitions.stream().filter(p -> partitionName.equals(p.name())).findFirst();
  }

  /** The pool declared with this name. */
  public Optional<PoolSpec> pool(String poolName) {
    return pools.stream().filter(p -> poolName.equals(p.name())).findFirst();
  }

  /** The node declared under {@code nodes.hosts} with this name. */
  public Optional<HostSpec> host(String hostName) {
    return nodes.hosts().stream().filter(h -> hostName.equals(h.name())).findFirst();
  }
}
