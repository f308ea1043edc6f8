package dev.nestbed.aggregator.pool;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.HypervisorImage;
import dev.nestbed.core.libvirt.DomainXmlBlocks;
import dev.nestbed.core.run.RunTag;
import java.nio.file.Path;
import java.util.List;

/**
 * The libvirt domain of a nested pool's L1 VM: one vNUMA cell per member node with that node's CPUs
 * and memory and the plan's distances, direct boot of the hypervisor image's kernel from a
 * copy-on-write overlay, the partition images on a read-only disk, and user-mode networking that
 * forwards the inner libvirtd to the host node's loopback (never to an outside address). The second
 * serial port is nestbed's control line ({@link L1ControlLine}), a pty only libvirt opens.
 */
final class L1DomainXml {
  /** The inner libvirtd's TCP port, inside L1 and forwarded on the host node's 127.0.0.1. */
  static final int LIBVIRT_PORT = 16509;

  private L1DomainXml() {}

  /** Where an L1's files live on the host. */
  record Paths(Path overlay, Path imagesDisk, Path console) {}

  static String render(
      String domainName,
      RunTag tag,
      PoolPlan plan,
      HypervisorImage image,
      Accelerator accelerator,
      Paths paths) {
    return render(domainName, tag, plan, image, accelerator, paths, LIBVIRT_PORT, "");
  }

  /**
   * With the inner libvirtd forwarded to {@code hostPort} on the node's 127.0.0.1 and {@code
   * extraQemuArgs} (the interconnect's NIC, say) in its {@code <qemu:commandline>}.
   */
  static String render(
      String domainName,
      RunTag tag,
      PoolPlan plan,
      HypervisorImage image,
      Accelerator accelerator,
      Paths paths,
      int hostPort,
      String extraQemuArgs) {
    L1Layout layout = L1Layout.of(plan);
    return """
        <domain type='%s' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
          <name>%s</name>
          <metadata>
            %s
          </metadata>
          %s<memory unit='MiB'>%d</memory>
          <vcpu placement='static' current='%d'>%d</vcpu>
          <vcpus>%s</vcpus>
        %s
          %s
        %s
          <devices>
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
            <serial type='pty'>
              <target port='1'/>
            </serial>
            <controller type='usb' model='none'/>
            <memballoon model='none'/>
          </devices>
          <qemu:commandline>
            <qemu:arg value='-netdev'/>
            <qemu:arg value='user,id=nbnet,hostfwd=tcp:127.0.0.1:%d-:%d'/>
            <qemu:arg value='-device'/>
            <qemu:arg value='virtio-net-pci,netdev=nbnet,bus=pci.0,addr=0x1e'/>
        %s  </qemu:commandline>
        </domain>
        """
        .formatted(
            accelerator.domainType(),
            domainName,
            tag.toXml(),
            maxMemoryXml(layout),
            layout.bootMemoryMib(),
            layout.bootVcpus(),
            layout.maxVcpus(),
            vcpusXml(layout),
            DomainXmlBlocks.directKernelBoot(
                image.kernel().toString(),
                image.initrd().toString(),
                image.commandLine() + " nestbed.control=" + L1ControlLine.GUEST_TTY),
            cpuXml(plan, layout, accelerator),
            DomainXmlBlocks.lifecycle(),
            escape(paths.overlay()),
            escape(paths.imagesDisk()),
            escape(paths.console()),
            hostPort,
            LIBVIRT_PORT,
            extraQemuArgs);
  }

  private static String escape(Path path) {
    return DomainXmlBlocks.escape(path.toString());
  }

  /** Room for the spares' DIMMs; none when the pool has no spares. */
  private static String maxMemoryXml(L1Layout layout) {
    if (layout.spareCount() == 0) {
      return "";
    }
    return String.format(
        "<maxMemory slots='%d' unit='MiB'>%d</maxMemory>%n  ",
        layout.spareCount(), layout.bootMemoryMib() + layout.hotplugMemoryMib());
  }

  /**
   * Every vCPU but the first is hot-pluggable, so a node can leave the pool; a spare's vCPUs start
   * disabled and are enabled when it joins.
   */
  private static String vcpusXml(L1Layout layout) {
    StringBuilder vcpus = new StringBuilder();
    for (L1Layout.NodeCell cell : layout.cells()) {
      for (int id : cell.vcpus()) {
        vcpus.append(
            String.format(
                "<vcpu id='%d' enabled='%s' hotpluggable='%s'/>",
                id, cell.spare() ? "no" : "yes", id == 0 ? "no" : "yes"));
      }
    }
    return vcpus.toString();
  }

  /** The CPU model with one socket per vCPU and the vNUMA cells with their distances. */
  static String cpuXml(PoolPlan plan, L1Layout layout, Accelerator accelerator) {
    StringBuilder cells = new StringBuilder();
    List<L1Layout.NodeCell> list = layout.cells();
    for (L1Layout.NodeCell cell : list) {
      StringBuilder siblings = new StringBuilder();
      for (L1Layout.NodeCell other : list) {
        int distance =
            other.cell() == cell.cell()
                ? PoolPlanner.LOCAL_DISTANCE
                : cell.spare() || other.spare()
                    ? plan.remoteDistance()
                    : plan.distances().get(cell.cell()).get(other.cell());
        siblings
            .append("<sibling id='")
            .append(other.cell())
            .append("' value='")
            .append(distance)
            .append("'/>");
      }
      cells.append(
          String.format(
              "      <cell id='%d' cpus='%s' memory='%d' unit='MiB'><distances>%s</distances></cell>%n",
              cell.cell(), cell.vcpuRange(), cell.bootMemoryMib(), siblings));
    }
    String model =
        accelerator.kind() == Accelerator.Kind.KVM
            ? "<cpu mode='host-passthrough' check='none'>"
            : "<cpu mode='custom' match='exact' check='none'><model fallback='forbid'>qemu64</model>";
    return model
        + String.format(
            "<topology sockets='%d' dies='1' cores='1' threads='1'/>%n    <numa>%n%s    </numa></cpu>",
            layout.maxVcpus(), cells);
  }
}
