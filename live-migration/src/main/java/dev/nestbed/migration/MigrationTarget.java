package dev.nestbed.migration;

import dev.nestbed.core.libvirt.LibvirtHost;
import java.util.Objects;

/**
 * Where a partition migrates to: the destination's libvirt, a name for messages (its node), and
 * its address on the network the memory must cross.
 *
 * @param libvirt the destination's libvirt; owned by the caller
 * @param node how messages name the destination, e.g. {@code n2}
 * @param address where QEMU sends the memory, e.g. {@code 10.213.0.12}
 */
public record MigrationTarget(LibvirtHost libvirt, String node, String address) {
  public MigrationTarget {
    Objects.requireNonNull(libvirt, "libvirt");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(address, "address");
  }

  /** QEMU's native TCP transport to the address; libvirt picks the port at the destination. */
  String dataUri() {
    return "tcp://" + address;
  }
}
