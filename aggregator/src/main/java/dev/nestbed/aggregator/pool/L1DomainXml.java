package dev.nestbed.aggregator.pool;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.HypervisorImage;
import dev.nestbed.core.libvirt.DomainXmlBlocks;
import dev.nestbed.core.run.RunTag;
import java.nio.file.Path;
import java.util.List;

/**
 * The libvirt domain of a nested pool's L1 VM: one vNUMA cell per member node with that node's
 * CPUs and memory and the plan's distances, direct boot of the hypervisor image's kernel from a
 * copy-on-write overlay, the partition images on a read-only disk, and user-mode networking that
 * forwards the inner libvirtd to the host node's loopback (never to an outside address).
 */
final class L1DomainXml {
  /** The inner libvirtd's TCP port, inside L1 and forwarded on the host node's 127.0.0.1. */
  static final int LIBVIRT_PORT = 16509;

  private L1DomainXml() {}

  /** Where an L1's files live on the host. */
  record Paths(Path overlay, Path imagesDisk, Path console) {}

  static String render(String domainName, RunTag tag, PoolPlan plan, HypervisorImage image, Accelerator accelerator,
      Paths paths) {
    int cpus = plan.totalCpus();
    long memoryMib = plan.cells().stream().mapToLong(c -> nodeMemoryMib(plan, c)).sum();
    return """
        <domain type='%s' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
          <name>%s</name>
          <metadata>
            %s
          </metadata>
          <memory unit='MiB'>%d</memory>
          <vcpu placement='static'>%d</vcpu>
        %s
          %s
        %s
          <devices>
            <emulator>/usr/bin/qemu-system-x86_64</emulator>
            <disk type='file' device='disk'>
              <driver name='qemu' type='qcow2'/>
              <source file='%s'/>
              <target dev='vda' bus='virtio'/>
            </disk>
            <disk type='file' device='disk'>
              <driver name='qemu' type='raw'/>
              <source file='%s'/>
              <target dev='vdb' bus='virtio'/>
              <readonly/>
              <serial>nbimages</serial>
            </disk>
            <serial type='file'>
              <source path='%s'/>
              <target port='0'/>
            </serial>
            <controller type='usb' model='none'/>
            <memballoon model='none'/>
          </devices>
          <qemu:commandline>
            <qemu:arg value='-netdev'/>
            <qemu:arg value='user,id=nbnet,hostfwd=tcp:127.0.0.1:%d-:%d'/>
            <qemu:arg value='-device'/>
            <qemu:arg value='virtio-net-pci,netdev=nbnet,bus=pci.0,addr=0x1e'/>
          </qemu:commandline>
        </domain>
        """.formatted(accelerator.domainType(), domainName, tag.toXml(), memoryMib, cpus,
        DomainXmlBlocks.directKernelBoot(image.kernel().toString(), image.initrd().toString(),
            image.commandLine()),
        cpuXml(plan, accelerator), DomainXmlBlocks.lifecycle(), escape(paths.overlay()), escape(paths.imagesDisk()),
        escape(paths.console()), LIBVIRT_PORT, LIBVIRT_PORT);
  }

  private static String escape(Path path) {
    return DomainXmlBlocks.escape(path.toString());
  }

  /** A cell of L1 is the whole node: what partitions get plus what L1 itself keeps (the reserve). */
  static long nodeMemoryMib(PoolPlan plan, Cell cell) {
    return cell.memory().plus(plan.reservePerNode()).mib();
  }

  /** The CPU model with one socket per vCPU and the vNUMA cells with their distances. */
  static String cpuXml(PoolPlan plan, Accelerator accelerator) {
    StringBuilder cells = new StringBuilder();
    int firstCpu = 0;
    List<Cell> list = plan.cells();
    for (int i = 0; i < list.size(); i++) {
      Cell cell = list.get(i);
      String cpus = cell.cpus() == 1 ? String.valueOf(firstCpu) : firstCpu + "-" + (firstCpu + cell.cpus() - 1);
      StringBuilder siblings = new StringBuilder();
      for (int j = 0; j < list.size(); j++) {
        siblings.append("<sibling id='").append(j).append("' value='").append(plan.distances().get(i).get(j))
            .append("'/>");
      }
      cells.append(String.format("      <cell id='%d' cpus='%s' memory='%d' unit='MiB'><distances>%s</distances></cell>%n",
          i, cpus, nodeMemoryMib(plan, cell), siblings));
      firstCpu += cell.cpus();
    }
    String model = accelerator.kind() == Accelerator.Kind.KVM
        ? "<cpu mode='host-passthrough' check='none'>"
        : "<cpu mode='custom' match='exact' check='none'><model fallback='forbid'>qemu64</model>";
    return model + String.format("<topology sockets='%d' dies='1' cores='1' threads='1'/>%n    <numa>%n%s    </numa></cpu>",
        plan.totalCpus(), cells);
  }
}
