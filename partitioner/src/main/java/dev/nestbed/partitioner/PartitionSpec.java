package dev.nestbed.partitioner;

import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import java.util.regex.Pattern;

/**
 * A partition as the scenario declares it: vCPUs and memory now and at most, the memory workload
 * its agent runs (working set and dirty rate), how memory past the boot size is plugged, and its
 * QEMU machine type.
 */
public record PartitionSpec(
    String name,
    int vcpus,
    int maxVcpus,
    DataSize memory,
    DataSize maxMemory,
    DataSize workingSet,
    DataRate dirtyRate,
    MemoryDeviceModel memoryDevice,
    String machine) {
  /** The newest i440fx machine of the QEMU a partition starts on. */
  public static final String DEFAULT_MACHINE = "pc";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,23}");

  public PartitionSpec {
    java.util.Objects.requireNonNull(memoryDevice, "memoryDevice");
    java.util.Objects.requireNonNull(machine, "machine");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "partition name '"
              + name
              + "' must be 1-24 characters: lowercase letters, digits and '-', starting with a letter");
    }
    if (vcpus < 1 || maxVcpus < vcpus) {
      throw new IllegalArgumentException(
          "partition "
              + name
              + ": vcpus "
              + vcpus
              + " must be at least 1 and at most max-vcpus "
              + maxVcpus);
    }
    if (memory.compareTo(maxMemory) > 0) {
      throw new IllegalArgumentException(
          "partition " + name + ": memory " + memory + " is above max-memory " + maxMemory);
    }
    if (workingSet.compareTo(memory) >= 0) {
      throw new IllegalArgumentException(
          "partition "
              + name
              + ": working set "
              + workingSet
              + " must be smaller than memory "
              + memory);
    }
  }

  /** As the canonical constructor, memory past the boot size plugged by virtio-mem. */
  public PartitionSpec(
      String name,
      int vcpus,
      int maxVcpus,
      DataSize memory,
      DataSize maxMemory,
      DataSize workingSet,
      DataRate dirtyRate) {
    this(
        name,
        vcpus,
        maxVcpus,
        memory,
        maxMemory,
        workingSet,
        dirtyRate,
        MemoryDeviceModel.VIRTIO_MEM,
        DEFAULT_MACHINE);
  }

  /** As the canonical constructor, on the default machine type. */
  public PartitionSpec(
      String name,
      int vcpus,
      int maxVcpus,
      DataSize memory,
      DataSize maxMemory,
      DataSize workingSet,
      DataRate dirtyRate,
      MemoryDeviceModel memoryDevice) {
    this(
        name,
        vcpus,
        maxVcpus,
        memory,
        maxMemory,
        workingSet,
        dirtyRate,
        memoryDevice,
        DEFAULT_MACHINE);
  }

  /** A partition with no headroom and an idle workload of 16 MiB. */
  public static PartitionSpec simple(String name, int vcpus, DataSize memory) {
    return new PartitionSpec(
        name, vcpus, vcpus, memory, memory, DataSize.ofMiB(16), DataRate.parse("0B/s"));
  }

  public PartitionSpec withMaxVcpus(int max) {
    return new PartitionSpec(
        name, vcpus, max, memory, maxMemory, workingSet, dirtyRate, memoryDevice, machine);
  }

  public PartitionSpec withWorkload(DataSize newWorkingSet, DataRate newDirtyRate) {
    return new PartitionSpec(
        name,
        vcpus,
        maxVcpus,
        memory,
        maxMemory,
        newWorkingSet,
        newDirtyRate,
        memoryDevice,
        machine);
  }

  /** The same partition able to grow to {@code max}, plugged by {@code model}. */
  public PartitionSpec withMaxMemory(DataSize max, MemoryDeviceModel model) {
    return new PartitionSpec(
        name, vcpus, maxVcpus, memory, max, workingSet, dirtyRate, model, machine);
  }

  /** Whether it can grow past its boot size: then its domain has room and a device for it. */
  public boolean growsPastBoot() {
    return maxMemory.compareTo(memory) > 0;
  }
}
