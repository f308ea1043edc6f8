package dev.nestbed.partitioner;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.MemoryDevice;
import dev.nestbed.core.value.DataSize;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The memory a partition has past its boot size, plugged through its memory devices: the virtio-mem
 * device on its guest cell asked for another size, or DIMMs attached and detached (the last plugged
 * leaves first). Only asks; the guest's kernel onlines or offlines the memory, and {@link
 * Partition#resizeMemory} waits until the agent sees it.
 */
final class MemoryPlug {
  /** Linux hot-adds memory in sections of this size on x86: a DIMM is a whole number of them. */
  static final DataSize DIMM_UNIT = DataSize.ofMiB(128);

  private MemoryPlug() {}

  /**
   * What {@code wanted} past the boot size becomes on the device: whole virtio-mem blocks, or for
   * DIMMs exactly that (checked by {@link #refusal}).
   */
  static DataSize rounded(PartitionSpec spec, DataSize wanted) {
    if (spec.memoryDevice() == MemoryDeviceModel.DIMM) {
      return wanted;
    }
    long block = MemoryHotplugXml.BLOCK.bytes();
    return DataSize.ofBytes((wanted.bytes() + block - 1) / block * block);
  }

  /**
   * Why {@code from} cannot become {@code to} past the boot size with this partition's devices, or
   * null.
   */
  static @Nullable String refusal(
      PartitionSpec spec, List<MemoryDevice> dimms, DataSize from, DataSize to) {
    if (spec.memoryDevice() != MemoryDeviceModel.DIMM) {
      return null;
    }
    if (to.compareTo(from) > 0) {
      DataSize growth = to.minus(from);
      if (growth.bytes() % DIMM_UNIT.bytes() != 0) {
        return "a DIMM grows it in whole "
            + DIMM_UNIT
            + " (Linux memory sections), not by "
            + growth;
      }
      if (dimms.size() >= MemoryHotplugXml.DIMM_SLOTS) {
        return "all " + MemoryHotplugXml.DIMM_SLOTS + " DIMM slots are in use";
      }
      return null;
    }
    DataSize left = from;
    for (int i = dimms.size() - 1; i >= 0 && left.compareTo(to) > 0; i--) {
      left = left.minus(dimms.get(i).size());
    }
    return left.equals(to)
        ? null
        : "its DIMMs (last plugged first: "
            + sizes(dimms)
            + ") cannot leave exactly "
            + to
            + " plugged";
  }

  /**
   * Asks the guest's devices for {@code to} plugged past the boot size, {@code from} plugged now.
   */
  static void request(LibvirtDomain domain, PartitionSpec spec, DataSize from, DataSize to) {
    if (spec.memoryDevice() == MemoryDeviceModel.VIRTIO_MEM) {
      MemoryDevice device =
          domain.liveMemoryDevices().stream()
              .filter(MemoryDevice::isVirtioMem)
              .findFirst()
              .orElseThrow(
                  () ->
                      new NestbedException(
                          "partition " + spec.name() + " has no virtio-mem device",
                          "it was started without max-memory above memory"));
      domain.requestVirtioMem(device.alias(), to);
    } else if (to.compareTo(from) > 0) {
      domain.attachLive(MemoryHotplugXml.dimm(to.minus(from)));
    } else {
      List<MemoryDevice> dimms = dimms(domain);
      DataSize left = from;
      for (int i = dimms.size() - 1; i >= 0 && left.compareTo(to) > 0; i--) {
        // libvirt finds a DIMM by model, cell and size: one of that size leaves, which is all a
        // shrink needs
        domain.detachLive(MemoryHotplugXml.dimm(dimms.get(i).size()));
        left = left.minus(dimms.get(i).size());
      }
    }
  }

  /**
   * What libvirt says the guest has plugged past its boot size now (virtio-mem's current, or the
   * DIMMs).
   */
  static DataSize pluggedNow(LibvirtDomain domain) {
    return domain.liveMemoryDevices().stream()
        .map(MemoryDevice::current)
        .reduce(DataSize.ZERO, DataSize::plus);
  }

  static List<MemoryDevice> dimms(LibvirtDomain domain) {
    return domain.liveMemoryDevices().stream().filter(d -> !d.isVirtioMem()).toList();
  }

  private static String sizes(List<MemoryDevice> dimms) {
    return dimms.isEmpty()
        ? "none"
        : String.join(", ", dimms.stream().map(d -> d.size().toString()).toList());
  }
}
