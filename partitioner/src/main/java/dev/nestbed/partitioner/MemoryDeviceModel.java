package dev.nestbed.partitioner;

/**
 * How a partition takes memory past its boot size: one virtio-mem device per guest NUMA cell
 * (resized in 2 MiB blocks, the default), or DIMMs plugged one per growth, for guest kernels
 * without virtio-mem.
 */
public enum MemoryDeviceModel {
  VIRTIO_MEM("virtio-mem"),
  DIMM("dimm");

  private final String name;

  MemoryDeviceModel(String name) {
    this.name = name;
  }

  /** As scenarios write it: {@code virtio-mem} or {@code dimm}. */
  public String scenarioName() {
    return name;
  }

  /** The model named {@code name} as scenarios write it. */
  public static MemoryDeviceModel named(String name) {
    for (MemoryDeviceModel model : values()) {
      if (model.name.equals(name)) {
        return model;
      }
    }
    throw new IllegalArgumentException(
        "memory-device '" + name + "' is neither virtio-mem nor dimm");
  }
}
