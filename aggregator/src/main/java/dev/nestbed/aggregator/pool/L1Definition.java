package dev.nestbed.aggregator.pool;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.HypervisorImage;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The L1 domain of a nested pool as its first node defines it, with the files it uses: the one
 * place both {@link NestedPool#boot} and {@code nestbed plan} take it from, so the plan shows the
 * bytes the run defines. Making one touches nothing: the files are only named here.
 */
public final class L1Definition {
  private final String domainName;
  private final String xml;
  private final L1DomainXml.Paths paths;

  private L1Definition(String domainName, String xml, L1DomainXml.Paths paths) {
    this.domainName = domainName;
    this.xml = xml;
    this.paths = paths;
  }

  /**
   * @param poolDirectory where the L1's overlay, images disk and console log live on the node
   * @param interconnect the L1's place on the network between the run's L1s, or null for none
   * @param nodeAddress the first node's address on the network between nodes, where the
   *     interconnect's frames leave from (unused without an interconnect)
   */
  public static L1Definition of(
      PoolPlan plan,
      RunId runId,
      HypervisorImage image,
      Accelerator accelerator,
      Path poolDirectory,
      @Nullable L1Interconnect interconnect,
      String nodeAddress) {
    L1DomainXml.Paths paths =
        new L1DomainXml.Paths(
            poolDirectory.resolve("l1.qcow2"),
            poolDirectory.resolve("images.img"),
            poolDirectory.resolve("l1-console.log"));
    return of(
        plan,
        runId,
        image,
        accelerator,
        paths,
        L1DomainXml.LIBVIRT_PORT,
        interconnect,
        nodeAddress);
  }

  /**
   * With the image and files as the node's QEMU opens them (see {@link L1Files}), and the inner
   * libvirtd forwarded to {@code forwardPort} on the node's loopback.
   */
  static L1Definition of(
      PoolPlan plan,
      RunId runId,
      HypervisorImage image,
      Accelerator accelerator,
      L1DomainXml.Paths paths,
      int forwardPort,
      @Nullable L1Interconnect interconnect,
      String nodeAddress) {
    String name = domainName(runId, plan);
    String xml =
        L1DomainXml.render(
            name,
            new RunTag(runId, "pool", plan.name()),
            plan,
            image,
            accelerator,
            paths,
            forwardPort,
            interconnect == null ? "" : interconnect.qemuArgs(nodeAddress));
    return new L1Definition(name, xml, paths);
  }

  static String domainName(RunId runId, PoolPlan plan) {
    return runId.qualify("pool-" + plan.name());
  }

  /** The domain's name: {@code nb-<run>-pool-<pool>}. */
  public String domainName() {
    return domainName;
  }

  /** The domain XML defined on the pool's first node. */
  public String xml() {
    return xml;
  }

  L1DomainXml.Paths paths() {
    return paths;
  }
}
