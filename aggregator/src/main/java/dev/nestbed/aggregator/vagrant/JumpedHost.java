package dev.nestbed.aggregator.vagrant;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.remote.RemoteNodeProvider;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.Teardown;
import dev.nestbed.core.value.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The machines on another machine's libvirt ({@code nodes.libvirt}), a real KVM host typically.
 * That host is first used as a remote host of its own: its storage pool for the run, and KVM or TCG
 * decided by a probe guest booted there, as for {@code provider: remote}. Its management network
 * and migration network are defined under the run's names, with a subnet the host does not route
 * yet. The machines are reached only through the host ({@link JumpHost}): nestbed never sends a
 * packet to their subnet from here.
 */
final class JumpedHost implements MachineHost {
  /** The remote node the host is used as. */
  static final String NODE = "vagrant";

  private final JumpHost jump;
  private final Accelerator accelerator;
  private final ManagementNetwork network;
  private final Node host;
  private final String described;

  private JumpedHost(
      JumpHost jump,
      Accelerator accelerator,
      ManagementNetwork network,
      Node host,
      String described) {
    this.host = host;
    this.described = described;
    this.jump = jump;
    this.accelerator = accelerator;
    this.network = network;
  }

  static JumpedHost start(
      RunId runId,
      String uri,
      Path stateRoot,
      @Nullable Path keptLogs,
      Supplier<GuestImage> probeImage,
      Path machineKey,
      Duration deadline,
      Teardown teardown) {
    JumpHost jump = JumpHost.of(uri, stateRoot.resolve("ssh"));
    jump.write(machineKey);
    RemoteNodeProvider hosts = new RemoteNodeProvider(runId, keptLogs, probeImage);
    teardown.add("release libvirt host " + jump.host(), hosts::close);
    Node host =
        hosts
            .start(List.of(new NodeSpec(NODE, 1, DataSize.ofMiB(256), jump.hostUri())), deadline)
            .get(0);
    Accelerator accelerator =
        host.accelerator().orElse(Accelerator.tcg("the host's accelerator was not decided"));
    // removed with a connection of their own: one kept open all run could be gone by then
    for (String network : List.of(ManagementNetwork.NAME, ManagementNetwork.MIGRATION_NAME)) {
      String name = runId.qualify(network);
      teardown.add(
          "remove network " + name + " from " + jump.host(),
          () -> {
            try (LibvirtHost libvirt = host.connect()) {
              libvirt.removeNetwork(name);
            }
          });
    }
    ManagementNetwork network;
    try (LibvirtHost libvirt = host.connect()) {
      network = ManagementNetwork.startOn(runId, libvirt, new ProcessRunner());
      ManagementNetwork.startMigrationNetwork(runId, libvirt);
    }
    return new JumpedHost(
        jump, accelerator, network, host, "libvirt host " + jump.host() + ": " + host.describe());
  }

  @Override
  public String libvirtUri() {
    return jump.hostUri();
  }

  @Override
  public String proxyCommand() {
    return jump.proxyCommand();
  }

  @Override
  public Accelerator accelerator() {
    return accelerator;
  }

  @Override
  public String driverReason() {
    return "host " + jump.host() + ": " + accelerator.describe();
  }

  @Override
  public String managementSubnet() {
    return network.subnet();
  }

  @Override
  public List<String> vagrant(List<String> args) {
    List<String> argv = new ArrayList<>(List.of("vagrant"));
    argv.addAll(args);
    return argv;
  }

  /** On the host: the only one that reaches the machines. */
  @Override
  public List<String> keyscan(String address) {
    return jump.keyscan(address);
  }

  @Override
  public Path knownHosts() {
    return jump.knownHosts();
  }

  @Override
  public String describe() {
    return described;
  }

  /**
   * Vagrant's domains carry no run tag, so the host's own cleanup cannot find what a failed or
   * killed {@code vagrant destroy} left: they are removed by their names, the run's own.
   */
  @Override
  public void removeMachines(List<String> domainNames) {
    try (LibvirtHost libvirt = host.connect()) {
      for (String name : domainNames) {
        libvirt.lookup(name).ifPresent(LibvirtDomain::destroyAndUndefine);
      }
    }
  }

  @Override
  public String machineUri(String address) {
    return jump.machineUri(address);
  }
}
