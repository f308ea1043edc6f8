package dev.nestbed.core.libvirt;

import dev.nestbed.core.value.DataSize;

/**
 * One hot-pluggable memory device of a running domain, as its live XML shows it.
 *
 * @param model {@code virtio-mem} or {@code dimm}
 * @param alias libvirt's name for it (e.g. {@code virtiomem0}, {@code dimm1})
 * @param node the guest NUMA cell its memory belongs to
 * @param size the device's size: all a virtio-mem device can give, all of a DIMM
 * @param requested what a virtio-mem device was asked to plug; a DIMM's size
 * @param current what the guest has plugged of a virtio-mem device now; a DIMM's size
 */
public record MemoryDevice(
    String model, String alias, int node, DataSize size, DataSize requested, DataSize current) {
  public boolean isVirtioMem() {
    return "virtio-mem".equals(model);
  }
}
