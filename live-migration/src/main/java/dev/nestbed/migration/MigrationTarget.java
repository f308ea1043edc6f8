package dev.nestbed.migration;

import dev.nestbed.aggregator.pool.CellBinding;
import dev.nestbed.core.libvirt.LibvirtHost;
import java.util.List;
import java.util.Objects;

/**
 * Where a partition migrates to: the destination's libvirt, a name for messages (its node), and its
 * address on the network the memory must cross.
 *
 * @param libvirt the destination's libvirt; owned by the caller
 * @param node how messages name the destination, e.g. {@code n2}
 * @param address where QEMU sends the memory, e.g. {@code 10.213.0.12}
 * @param cells the cells the partition is bound to there (pinning, memory nodes); empty keeps the
 *     binding it has now, which must then mean the same at the destination
 */
public record MigrationTarget(
    LibvirtHost libvirt, String node, String address, List<CellBinding> cells) {
  public MigrationTarget {
    Objects.requireNonNull(libvirt, "libvirt");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(address, "address");
    cells = List.copyOf(cells);
  }

  /** A destination where the partition keeps its binding. */
  public MigrationTarget(LibvirtHost libvirt, String node, String address) {
    this(libvirt, node, address, List.of());
  }

  /** QEMU's native TCP transport to the address; libvirt picks the port at the destination. */
  String dataUri() {
    return "tcp://" + address;
  }
}
