package dev.nestbed.aggregator.pool;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeFiles;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.libvirt.CapabilitiesTopology;
import dev.nestbed.core.libvirt.LibvirtCallException;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.NumaCell;
import dev.nestbed.core.value.DataSize;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code host} backend: an existing machine adopted as the pool, either one of the run's own
 * nodes or any machine by its libvirt URI. nestbed only adds its own (run-tagged) partitions to it
 * and never modifies anything else; {@link #close()} only closes the connection.
 */
public final class HostPool implements Pool {
  private final PoolPlan plan;
  private final LibvirtHost libvirt;
  private final LibvirtUri uri;

  /** The adopted node's address on the interconnect; null for a machine adopted by URI. */
  private final @Nullable String nodeAddress;

  /** The adopted node, or null for a machine adopted by URI. */
  private final @Nullable Node node;

  private HostPool(PoolPlan plan, LibvirtHost libvirt, @Nullable Node node) {
    this.plan = plan;
    this.libvirt = libvirt;
    this.uri = LibvirtUri.parse(libvirt.uri());
    this.nodeAddress = node == null ? null : node.address();
    this.node = node;
  }

  /**
   * Empty when the libvirt at {@code uri} runs on this machine, so partitions can be started in it
   * (their guest image and console file are here); otherwise why that cannot be assumed. Asks
   * nothing of the daemon.
   */
  public static Optional<String> whyNotOnThisMachine(String uri) {
    return LibvirtUri.parse(uri).whyElsewhere();
  }

  /** Adopts {@code node} as the pool planned by {@code plan}; its cell is that node. */
  public static HostPool adopt(PoolPlan plan, Node node) {
    return new HostPool(plan, node.connect(), node);
  }

  /**
   * Adopts the machine whose libvirt answers at {@code uri}. Its cells are the NUMA cells that
   * libvirt's capabilities report, each offering its CPUs and its memory less {@code
   * reservePerCell} (see {@link PoolPlanner#discovered}).
   *
   * @throws NestbedException naming the pool and the URI, with what to check, when nothing answers
   *     there or it reports no NUMA cells
   */
  public static HostPool adopt(String poolName, String uri, DataSize reservePerCell) {
    LibvirtUri parsed = LibvirtUri.parse(uri);
    LibvirtHost libvirt;
    try {
      libvirt = LibvirtHost.connect("pool " + poolName, uri);
    } catch (LibvirtCallException e) {
      throw new NestbedException(
          "host pool "
              + poolName
              + " cannot reach its machine at "
              + uri
              + ": "
              + e.libvirtMessage(),
          parsed.unreachableHint(),
          e);
    }
    try {
      List<NumaCell> cells = CapabilitiesTopology.cells(libvirt.capabilities());
      if (cells.isEmpty()) {
        throw new NestbedException(
            "host pool "
                + poolName
                + ": the libvirt at "
                + uri
                + " reports no NUMA cells in its capabilities",
            "nestbed plans partitions on the cells under <host><topology>; see virsh -c '"
                + uri
                + "' capabilities");
      }
      return new HostPool(
          PoolPlanner.discovered(poolName, cells, reservePerCell), libvirt, (Node) null);
    } catch (RuntimeException e) {
      libvirt.close();
      throw e;
    }
  }

  @Override
  public PoolPlan plan() {
    return plan;
  }

  @Override
  public LibvirtHost libvirt() {
    return libvirt;
  }

  /**
   * For a machine adopted by URI, whose cells are its NUMA cells by id: that cell's node and CPUs.
   * A pool that adopts one node is that node: nothing to bind to.
   */
  @Override
  public Optional<CellBinding> binding(String cell) {
    if (!cell.chars().allMatch(Character::isDigit) || cell.isEmpty()) {
      return Optional.empty();
    }
    int id = Integer.parseInt(cell);
    return observedCells().stream()
        .filter(c -> c.id() == id)
        .findFirst()
        .map(c -> new CellBinding(cell, id, c.cpus()));
  }

  /** The adopted node's address on the interconnect (memory crosses the nodes' network to it). */
  @Override
  public Optional<String> migrationAddress() {
    return Optional.ofNullable(nodeAddress);
  }

  /** The libvirt URI the pool is reached at. */
  public String uri() {
    return libvirt.uri();
  }

  /**
   * Empty when the pool's libvirtd runs on this machine, so partitions can run in it: their guest
   * image and console file are here (their agent's line comes through libvirt itself). Otherwise
   * why nestbed cannot assume that.
   */
  @Override
  public Optional<String> whyNotOnThisMachine() {
    return uri.whyElsewhere();
  }

  /** The adopted node's way of receiving files, when it is a host elsewhere. */
  @Override
  public Optional<NodeFiles> files() {
    return node == null ? Optional.empty() : node.files();
  }

  @Override
  public boolean emulatedMachine() {
    return node != null && node.emulated();
  }

  @Override
  public Optional<Accelerator> accelerator() {
    return node == null ? Optional.empty() : node.accelerator();
  }

  @Override
  public void close() {
    libvirt.close();
  }
}
