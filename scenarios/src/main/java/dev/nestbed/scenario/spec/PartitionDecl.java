package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.DataSize;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One partition as declared under {@code partitions:}: a small VM carved from a pool.
 *
 * @param name 1-24 characters, {@code [a-z][a-z0-9-]*}
 * @param pool the pool it starts in
 * @param maxVcpus the most vCPUs it can be resized to; equals {@code vcpus} unless given
 * @param maxMemory the most memory it can be resized to; equals {@code memory} unless given
 * @param cells the member nodes of {@code pool} it is placed on; empty when placement is left to
 *     {@code policy} or to the planner
 * @param policy {@code pack} or {@code spread}; null when {@code cells} are given or neither is
 * @param workload never null: defaults apply when the file has none
 * @param memoryDevice how memory past {@code memory} is plugged: {@code virtio-mem} (default) or
 *     {@code dimm}
 * @param machine the QEMU machine type, e.g. {@code pc-i440fx-7.2}; null for {@code pc}, the newest
 *     i440fx machine of the QEMU it starts on
 */
public record PartitionDecl(
    @Nullable String name,
    @Nullable String pool,
    int vcpus,
    int maxVcpus,
    @Nullable DataSize memory,
    @Nullable DataSize maxMemory,
    List<String> cells,
    @Nullable String policy,
    @Nullable WorkloadSpec workload,
    String memoryDevice,
    @Nullable String machine,
    Location location) {
  /** The default device: virtio-mem. */
  public static final String VIRTIO_MEM = "virtio-mem";

  /** DIMMs, for guests without virtio-mem. */
  public static final String DIMM = "dimm";

  public PartitionDecl {
    cells = List.copyOf(cells);
  }

  /** A partition that grows by virtio-mem. */
  public PartitionDecl(
      String name,
      String pool,
      int vcpus,
      int maxVcpus,
      DataSize memory,
      DataSize maxMemory,
      List<String> cells,
      String policy,
      WorkloadSpec workload,
      Location location) {
    this(
        name,
        pool,
        vcpus,
        maxVcpus,
        memory,
        maxMemory,
        cells,
        policy,
        workload,
        VIRTIO_MEM,
        null,
        location);
  }

  /** Its {@code name}, as a validated spec always has it. */
  public String validName() {
    return Validated.value(name, "name", location);
  }

  /** Its {@code pool}, as a validated spec always has it. */
  public String validPool() {
    return Validated.value(pool, "pool", location);
  }

  /** Its {@code memory}, as a validated spec always has it. */
  public DataSize validMemory() {
    return Validated.value(memory, "memory", location);
  }

  /** Its {@code max-memory}, as a validated spec always has it. */
  public DataSize validMaxMemory() {
    return Validated.value(maxMemory, "max-memory", location);
  }

  /** Its {@code workload}, as a validated spec always has it. */
  public WorkloadSpec validWorkload() {
    return Validated.value(workload, "workload", location);
  }
}
