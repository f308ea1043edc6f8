package dev.nestbed.aggregator.vagrant;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.RunStoragePool;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.Teardown;
import dev.nestbed.core.value.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The machines on a libvirtd of the run's own, in namespaces of its own on this machine (a local
 * node). {@code vagrant} runs inside that daemon's network namespace; nestbed reaches the machines'
 * management network over a veth of the run's own into it, so no packet takes the default route.
 * Stopping the daemon takes its networks and volumes along.
 */
final class OwnDaemonHost implements MachineHost {
  /** The local node the machines run on. */
  static final String NODE = "vagrant";

  private final Node daemon;
  private final String namespace;
  private final ManagementNetwork network;
  private final Accelerator accelerator;
  private final Path project;

  private OwnDaemonHost(
      Node daemon,
      String namespace,
      ManagementNetwork network,
      Accelerator accelerator,
      Path project) {
    this.daemon = daemon;
    this.namespace = namespace;
    this.network = network;
    this.accelerator = accelerator;
    this.project = project;
  }

  static OwnDaemonHost start(
      RunId runId,
      Path stateRoot,
      @Nullable Path keptLogs,
      Accelerator accelerator,
      Path project,
      Duration deadline,
      Teardown teardown) {
    LocalNodeProvider host = new LocalNodeProvider(runId, stateRoot.resolve("host"), keptLogs);
    teardown.add("stop the libvirtd the Vagrant machines ran on", host::close);
    Node daemon = host.start(List.of(new NodeSpec(NODE, 1, DataSize.ofMiB(256))), deadline).get(0);
    String namespace = host.networkNamespace(NODE);
    ManagementNetwork network = ManagementNetwork.choose(runId, new ProcessRunner());
    try (LibvirtHost libvirt = daemon.connect()) {
      RunStoragePool.create(libvirt, runId); // the machines' disks; gone with the daemon's state
      network.start(libvirt, namespace, teardown);
      // the migration network is vagrant-libvirt's (forward mode none): the daemon is the run's own
    }
    return new OwnDaemonHost(daemon, namespace, network, accelerator, project);
  }

  @Override
  public String libvirtUri() {
    return daemon.libvirtUri();
  }

  @Override
  public @Nullable String proxyCommand() {
    return null;
  }

  @Override
  public Accelerator accelerator() {
    return accelerator;
  }

  @Override
  public String driverReason() {
    return "this machine: " + accelerator.describe();
  }

  @Override
  public String managementSubnet() {
    return network.subnet();
  }

  @Override
  public List<String> vagrant(List<String> args) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "vagrant"));
    argv.addAll(args);
    return argv;
  }

  /** Over the veth into the management network (trusted on first use). */
  @Override
  public List<String> keyscan(String address) {
    return List.of("ssh-keyscan", "-t", "ed25519", address);
  }

  @Override
  public Path knownHosts() {
    return project.resolve("known_hosts");
  }

  @Override
  public String describe() {
    return "a libvirtd of the run's own on this machine, " + accelerator.describe();
  }

  @Override
  public String machineUri(String address) {
    return "qemu+libssh2://vagrant@"
        + address
        + "/system?keyfile="
        + project.resolve("id_ed25519")
        + "&known_hosts="
        + knownHosts()
        + "&sshauth=privkey";
  }
}
