package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.DataSize;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One pool (aggregate, virtual SMP): member nodes become its NUMA cells.
 *
 * @param name 1-24 characters, {@code [a-z][a-z0-9-]*}
 * @param backend {@code nested}, {@code host} or {@code sim}
 * @param nodes member nodes at the start, in cell order; empty only for a {@code host} pool that
 *     adopts a machine by {@code uri}, whose cells are discovered
 * @param spare nodes that may join later through {@code add-node}; room for them is reserved
 * @param reservePerNodeMemory memory each member node keeps for itself; 256MiB unless given
 * @param uri the libvirt URI of the machine a {@code host} pool adopts; null for other backends and
 *     for a {@code host} pool that adopts one of the declared nodes instead
 */
public record PoolSpec(
    @Nullable String name,
    @Nullable String backend,
    List<String> nodes,
    List<String> spare,
    @Nullable DataSize reservePerNodeMemory,
    @Nullable String uri,
    Location location) {
  public static final DataSize DEFAULT_RESERVE_PER_NODE = DataSize.ofMiB(256);

  public PoolSpec {
    nodes = List.copyOf(nodes);
    spare = List.copyOf(spare);
  }

  /**
   * A {@code host} pool that adopts the machine at its uri: its cells are discovered at run time.
   */
  public boolean adoptsByUri() {
    return "host".equals(backend) && uri != null;
  }

  /** Its {@code name}, as a validated spec always has it. */
  public String validName() {
    return Validated.value(name, "name", location);
  }

  /** Its {@code backend}, as a validated spec always has it. */
  public String validBackend() {
    return Validated.value(backend, "backend", location);
  }

  /** Its {@code reserve-per-node}, as a validated spec always has it. */
  public DataSize validReservePerNodeMemory() {
    return Validated.value(reservePerNodeMemory, "reserve-per-node", location);
  }

  /** Its {@code uri}, which a pool that adopts its machine by uri has. */
  public String adoptedUri() {
    return Validated.value(uri, "uri", location);
  }
}
