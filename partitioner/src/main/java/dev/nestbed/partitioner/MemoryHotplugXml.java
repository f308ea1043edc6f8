package dev.nestbed.partitioner;

import dev.nestbed.core.value.DataSize;

/**
 * The parts of a partition's domain XML that let it grow past its boot size, up to its {@code
 * max-memory}: room for memory devices ({@code <maxMemory>}), one guest NUMA cell holding the boot
 * memory and every vCPU (libvirt plugs memory devices into a cell only), and, for virtio-mem, the
 * device on that cell, defined empty and resized live. DIMMs are attached one per growth instead
 * ({@link #dimm}). Where the pool has bound the partition to cells, the domain's {@code numatune}
 * covers this memory too: growth is taken from the cells the partition sits on.
 */
final class MemoryHotplugXml {
  /** virtio-mem's block: the unit it plugs in (x86's smallest, 2 MiB, as measured). */
  static final DataSize BLOCK = DataSize.ofMiB(2);

  /** DIMM slots: growths a DIMM partition can take before it must shrink first. */
  static final int DIMM_SLOTS = 8;

  /** The guest NUMA cell every hot-plugged device lands in. */
  static final int GUEST_CELL = 0;

  private MemoryHotplugXml() {}

  /** What the partition can take past its boot size, in whole virtio-mem blocks. */
  static DataSize room(PartitionSpec spec) {
    long extra = spec.maxMemory().bytes() - spec.memory().bytes();
    long blocks = (extra + BLOCK.bytes() - 1) / BLOCK.bytes();
    return DataSize.ofBytes(blocks * BLOCK.bytes());
  }

  /** {@code <maxMemory>} with its slots, or nothing when the partition cannot grow. */
  static String maxMemory(PartitionSpec spec) {
    if (!spec.growsPastBoot()) {
      return "";
    }
    int slots = spec.memoryDevice() == MemoryDeviceModel.DIMM ? DIMM_SLOTS : 1;
    return String.format(
        "<maxMemory slots='%d' unit='KiB'>%d</maxMemory>%n  ",
        slots, (spec.memory().bytes() + room(spec).bytes()) / 1024);
  }

  /**
   * {@code cpuXml} with the guest NUMA cell inside, or unchanged when the partition cannot grow.
   */
  static String cpu(String cpuXml, PartitionSpec spec) {
    if (!spec.growsPastBoot()) {
      return cpuXml;
    }
    String numa =
        String.format(
            "<numa><cell id='%d' cpus='0-%d' memory='%d' unit='KiB'/></numa>",
            GUEST_CELL, spec.maxVcpus() - 1, spec.memory().bytes() / 1024);
    return cpuXml.endsWith("/>")
        ? cpuXml.substring(0, cpuXml.length() - 2) + ">" + numa + "</cpu>"
        : cpuXml.replace("</cpu>", numa + "</cpu>");
  }

  /**
   * The virtio-mem device, nothing plugged yet; nothing for DIMM partitions or those that cannot
   * grow.
   */
  static String devices(PartitionSpec spec) {
    if (!spec.growsPastBoot() || spec.memoryDevice() != MemoryDeviceModel.VIRTIO_MEM) {
      return "";
    }
    return """
            <memory model='virtio-mem'>
              <target>
                <size unit='KiB'>%d</size>
                <node>%d</node>
                <block unit='KiB'>%d</block>
                <requested unit='KiB'>0</requested>
              </target>
            </memory>
        """
        .formatted(room(spec).bytes() / 1024, GUEST_CELL, BLOCK.bytes() / 1024);
  }

  /** A DIMM of {@code size} for the guest cell, to attach live. */
  static String dimm(DataSize size) {
    return """
        <memory model='dimm'>
          <target>
            <size unit='KiB'>%d</size>
            <node>%d</node>
          </target>
        </memory>
        """
        .formatted(size.bytes() / 1024, GUEST_CELL);
  }
}
