package dev.nestbed.aggregator.pool;

import dev.nestbed.aggregator.Node;
import dev.nestbed.core.libvirt.LibvirtHost;

/**
 * The {@code host} backend: an existing machine adopted as the pool. nestbed only adds its own
 * (run-tagged) partitions to it and never modifies anything else. Here the machine is one node;
 * its cell is that node.
 */
public final class HostPool implements Pool {
  private final PoolPlan plan;
  private final LibvirtHost libvirt;

  private HostPool(PoolPlan plan, LibvirtHost libvirt) {
    this.plan = plan;
    this.libvirt = libvirt;
  }

  /** Adopts {@code node} as the pool planned by {@code plan}. */
  public static HostPool adopt(PoolPlan plan, Node node) {
    return new HostPool(plan, node.connect());
  }

  @Override
  public PoolPlan plan() {
    return plan;
  }

  @Override
  public LibvirtHost libvirt() {
    return libvirt;
  }

  @Override
  public void close() {
    libvirt.close();
  }
}
