package dev.nestbed.aggregator;

import dev.nestbed.aggregator.container.ContainerNodeProvider;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.aggregator.remote.RemoteNodeProvider;
import dev.nestbed.aggregator.vagrant.VagrantNodeProvider;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.run.RunId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The node providers this build has, by the name a scenario gives ({@code nodes.provider}): the one
 * place a provider is chosen. Validation refuses the names the language knows but this build lacks,
 * from {@link #BUILT}, before anything starts.
 */
public final class NodeProviders {
  /** The providers this build runs. */
  public static final List<String> BUILT = List.of("local", "remote", "vagrant", "container");

  /** The providers whose nodes can host a nested pool's L1 in this build. */
  public static final List<String> NESTED_CAPABLE = List.of("local", "container", "remote");

  /**
   * The providers whose nodes each host at most one node's worth of a nested pool: the L1 runs
   * inside the first node's machine, whose limits (a container's CPUs and memory, a remote host's)
   * are that node's.
   */
  public static final List<String> NESTED_ONE_NODE = List.of("container", "remote");

  private NodeProviders() {}

  /**
   * The provider called {@code name} for one run, or empty when this build has none by that name.
   *
   * @param stateRoot where the provider keeps the run's node state
   * @param keptLogs where node logs are kept for the report
   * @param accelerator how guests execute on this machine (Vagrant machines here follow it)
   * @param libvirt where the provider's machines run when not on this machine (vagrant's {@code
   *     libvirt:}); null for this machine
   * @param probeImage the partition image, for the KVM probe on hosts that offer KVM
   * @param progress receives lines worth showing while a provider brings its nodes up
   */
  public static Optional<NodeProvider> create(
      String name,
      RunId runId,
      Path stateRoot,
      Path keptLogs,
      Accelerator accelerator,
      @Nullable String libvirt,
      Supplier<GuestImage> probeImage,
      Consumer<String> progress) {
    return switch (name) {
      case "local" -> Optional.of(new LocalNodeProvider(runId, stateRoot, keptLogs));
      case "remote" -> Optional.of(new RemoteNodeProvider(runId, keptLogs, probeImage));
      case "container" ->
          Optional.of(new ContainerNodeProvider(runId, stateRoot, keptLogs, progress));
      case "vagrant" ->
          Optional.of(
              new VagrantNodeProvider(
                  runId, stateRoot, keptLogs, accelerator, libvirt, probeImage, progress));
      default -> Optional.empty();
    };
  }

  /**
   * Checks, before anything starts, that the nodes of provider {@code name} can be used: for
   * existing hosts, that each answers and has what the scenario gives it (connections only); for
   * Vagrant machines, that Vagrant and its libvirt plugin are installed.
   *
   * @throws NodesNotReadyException naming each node that cannot be used and what to fix
   */
  public static void preflight(String name, List<NodeSpec> specs) throws InterruptedException {
    switch (name) {
      case "remote" -> RemoteNodeProvider.preflight(specs);
      case "vagrant" -> VagrantNodeProvider.preflight();
      case "container" -> ContainerNodeProvider.preflight();
      default -> {}
    }
  }
}
