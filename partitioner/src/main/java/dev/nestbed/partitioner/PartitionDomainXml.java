package dev.nestbed.partitioner;

import dev.nestbed.aggregator.pool.CellBinding;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.libvirt.DomainXmlBlocks;
import dev.nestbed.core.run.RunTag;
import dev.nestbed.partitioner.agent.HeartbeatLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The libvirt domain XML of a partition: direct kernel boot of the partition image (no disk, no
 * firmware menu), the console on ttyS0 into a file, the agent's line on ttyS1 as a pty that the
 * host opens through libvirt (device {@link #AGENT_DEVICE}), a virtio balloon, room to grow past
 * the boot size ({@link MemoryHotplugXml}), and the run tag in the metadata. The console file is
 * appended to, not truncated, so a live migration's destination QEMU (same machine, same path)
 * continues the log the source began. The agent's line needs no path on the host, so it works
 * wherever the partition's libvirt is, a node's daemon or the libvirtd inside a nested pool's L1.
 */
public final class PartitionDomainXml {
  private PartitionDomainXml() {}

  /** The alias libvirt gives ttyS1, the agent's line: the second serial port. */
  public static final String AGENT_DEVICE = "serial1";

  /** Where a partition's files live on the host. */
  public record Paths(Path consoleLog) {}

  public static String render(
      String domainName,
      RunTag tag,
      PartitionSpec spec,
      GuestImage image,
      Accelerator accelerator,
      Paths paths) {
    return render(domainName, tag, spec, image, accelerator, paths, List.of());
  }

  /**
   * As above, with every vCPU pinned to the cells' CPUs and the memory restricted to their nodes.
   */
  public static String render(
      String domainName,
      RunTag tag,
      PartitionSpec spec,
      GuestImage image,
      Accelerator accelerator,
      Paths paths,
      List<CellBinding> cells) {
    return render(domainName, tag, spec, image, accelerator, paths, cells, HeartbeatLog.PERIOD);
  }

  /** As above, the agent beating every {@code heartbeat} (a multiple of a millisecond). */
  public static String render(
      String domainName,
      RunTag tag,
      PartitionSpec spec,
      GuestImage image,
      Accelerator accelerator,
      Paths paths,
      List<CellBinding> cells,
      Duration heartbeat) {
    long memoryKib = spec.memory().bytes() / 1024;
    return """
        <domain type='%s'>
          <name>%s</name>
          <metadata>
            %s
          </metadata>
          %s<memory unit='KiB'>%d</memory>
          <currentMemory unit='KiB'>%d</currentMemory>
          <vcpu placement='static' current='%d'>%d</vcpu>
        %s%s
          %s
        %s
          <devices>
            <serial type='file'>
              <source path='%s' append='on'/>
              <target port='0'/>
            </serial>
            <serial type='pty'>
              <target port='1'/>
            </serial>
            <controller type='usb' model='none'/>
            <memballoon model='virtio'>
              <stats period='1'/>
            </memballoon>
        %s  </devices>
        </domain>
        """
        .formatted(
            accelerator.domainType(),
            domainName,
            tag.toXml(),
            MemoryHotplugXml.maxMemory(spec),
            memoryKib,
            memoryKib,
            spec.vcpus(),
            spec.maxVcpus(),
            PlacementXml.render(cells, spec.maxVcpus()),
            DomainXmlBlocks.directKernelBoot(
                spec.machine(),
                image.kernel().toString(),
                image.initramfs().toString(),
                kernelCommandLine(spec, accelerator, heartbeat)),
            MemoryHotplugXml.cpu(accelerator.cpuXml(), spec),
            DomainXmlBlocks.lifecycle(),
            escape(paths.consoleLog().toString()),
            MemoryHotplugXml.devices(spec));
  }

  /**
   * Kernel options for emulated guests only. Each skips boot work that costs little on hardware but
   * seconds to minutes when every instruction is emulated (an L2 under nested TCG): boot-time code
   * patching for CPU bug mitigations, PnP enumeration through ACPI (the serial ports are found at
   * their legacy addresses anyway), the crypto self-tests, the read-only remapping of kernel text
   * and its W+X page-table walk, audit, and the TSC and timer sanity checks (the emulated TSC is
   * the host's clock). A partition is a throwaway test guest; under KVM none of this is needed.
   */
  static final String TCG_BOOT_OPTIONS =
      "mitigations=off pnpacpi=off cryptomgr.notests rodata=off audit=0 tsc=reliable no_timer_check";

  /** Onlines hot-plugged memory as movable: without it a shrink stalls on unmovable pages. */
  static final String MEMORY_HOTPLUG_OPTION = "memhp_default_state=online_movable";

  /**
   * The kernel command line: quiet console on ttyS0, the agent's workload, and under TCG {@link
   * #TCG_BOOT_OPTIONS}.
   */
  static String kernelCommandLine(PartitionSpec spec, Accelerator accelerator, Duration heartbeat) {
    String line =
        String.format(
            "console=ttyS0 loglevel=4 panic=-1 swiotlb=noforce nestbed.name=%s nestbed.ws=%dK nestbed.dirty=%dK",
            spec.name(),
            spec.workingSet().bytes() / 1024,
            (long) (spec.dirtyRate().bytesPerSecond() / 1024));
    if (spec.growsPastBoot()) {
      // hot-plugged memory onlined movable by the kernel itself, so it can be unplugged again
      line += " " + MEMORY_HOTPLUG_OPTION;
    }
    if (!heartbeat.equals(HeartbeatLog.PERIOD)) {
      line += " nestbed.hb=" + heartbeat.toMillis();
    }
    return accelerator.kind() == Accelerator.Kind.TCG ? line + " " + TCG_BOOT_OPTIONS : line;
  }

  private static String escape(String text) {
    return DomainXmlBlocks.escape(text);
  }
}
