package dev.nestbed.scenario.spec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One experiment, as a scenario file declares it, already validated: every name it references
 * exists, every value carries its unit, and the partitions of each pool fit that pool.
 *
 * @param name a short identifier used in reports and run directories
 * @param description free text for people; empty when absent
 * @param interconnect never null: defaults apply when the file has none
 * @param steps in file order; empty when the file has none
 * @param expectations the {@code expect:} list in file order; empty when absent
 * @param index the declarations by name; always built from them (what is passed is ignored)
 */
public record ScenarioSpec(
    @Nullable String name,
    String description,
    @Nullable NodesSpec nodes,
    InterconnectSpec interconnect,
    List<PoolSpec> pools,
    List<PartitionDecl> partitions,
    List<StepSpec> steps,
    List<ExpectSpec> expectations,
    Location location,
    Index index) {

  /** What the short constructor passes as the index, which the canonical one builds anyway. */
  private static final Index UNBUILT = new Index(null, List.of(), List.of());

  public ScenarioSpec {
    pools = List.copyOf(pools);
    partitions = List.copyOf(partitions);
    steps = List.copyOf(steps);
    expectations = List.copyOf(expectations);
    index = new Index(nodes, pools, partitions);
  }

  public ScenarioSpec(
      @Nullable String name,
      String description,
      @Nullable NodesSpec nodes,
      InterconnectSpec interconnect,
      List<PoolSpec> pools,
      List<PartitionDecl> partitions,
      List<StepSpec> steps,
      List<ExpectSpec> expectations,
      Location location) {
    this(
        name,
        description,
        nodes,
        interconnect,
        pools,
        partitions,
        steps,
        expectations,
        location,
        UNBUILT);
  }

  /** The partition declared with this name (the first, should two share it); none for null. */
  public Optional<PartitionDecl> partition(@Nullable String partitionName) {
    return Optional.ofNullable(index.partitions.get(partitionName));
  }

  /** The pool declared with this name; none for null. */
  public Optional<PoolSpec> pool(@Nullable String poolName) {
    return Optional.ofNullable(index.pools.get(poolName));
  }

  /** The node declared under {@code nodes.hosts} with this name. */
  public Optional<HostSpec> host(@Nullable String hostName) {
    return Optional.ofNullable(index.hosts.get(hostName));
  }

  /**
   * The declarations by name, built with the spec: validation and planning look names up for every
   * step and expectation, and a scenario may declare tens of thousands of partitions.
   */
  public static final class Index {
    private final Map<String, HostSpec> hosts = new HashMap<>();
    private final Map<String, PoolSpec> pools = new HashMap<>();
    private final Map<String, PartitionDecl> partitions = new HashMap<>();

    private Index(@Nullable NodesSpec nodes, List<PoolSpec> pools, List<PartitionDecl> partitions) {
      if (nodes != null) {
        nodes.hosts().stream()
            .filter(h -> h.name() != null)
            .forEach(h -> this.hosts.putIfAbsent(h.name(), h));
      }
      pools.stream()
          .filter(p -> p.name() != null)
          .forEach(p -> this.pools.putIfAbsent(p.name(), p));
      partitions.stream()
          .filter(p -> p.name() != null)
          .forEach(p -> this.partitions.putIfAbsent(p.name(), p));
    }

    /** Every spec of the same declarations has the same index. */
    @Override
    public boolean equals(Object other) {
      return other instanceof Index;
    }

    @Override
    public int hashCode() {
      return 0;
    }

    @Override
    public String toString() {
      return "Index";
    }
  }

  /** Its {@code name}, as a validated spec always has it. */
  public String validName() {
    return Validated.value(name, "name", location);
  }

  /** Its {@code nodes}, as a validated spec always has it. */
  public NodesSpec validNodes() {
    return Validated.value(nodes, "nodes", location);
  }
}
