package dev.nestbed.aggregator.remote;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeFiles;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.pool.LibvirtUri;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.RunStoragePool;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A node of the {@code remote} provider: an existing libvirt host reached by its URI. Files reach
 * it through a storage pool of the run's own ({@link RunStoragePool}); migration streams go to the
 * host the URI names, or to an address of the host on a network kept for them.
 */
final class RemoteNode implements Node {
  private final NodeSpec spec;
  private final LibvirtHost connection;
  private final HostFiles files;
  private final RemoteHostFacts facts;
  private final Accelerator accelerator;
  private final @Nullable Path logDirectory;
  private final boolean emulated;
  private final @Nullable String migrationAddress;

  RemoteNode(
      NodeSpec spec,
      LibvirtHost connection,
      HostFiles files,
      RemoteHostFacts facts,
      Accelerator accelerator,
      @Nullable Path logDirectory,
      boolean emulated,
      @Nullable String migrationAddress) {
    this.emulated = emulated;
    this.migrationAddress = migrationAddress;
    this.spec = spec;
    this.connection = connection;
    this.files = files;
    this.facts = facts;
    this.accelerator = accelerator;
    this.logDirectory = logDirectory;
  }

  @Override
  public NodeSpec spec() {
    return spec;
  }

  @Override
  public String libvirtUri() {
    return spec.existingHost().orElseThrow();
  }

  /**
   * Where QEMU's migration stream goes: the host's address on the network kept for migrations when
   * it has one, otherwise the host the URI names.
   */
  @Override
  public String address() {
    return migrationAddress != null ? migrationAddress : LibvirtUri.parse(libvirtUri()).host();
  }

  /** Where the console logs fetched from the host are kept. */
  @Override
  public @Nullable Path logDirectory() {
    return logDirectory;
  }

  /** OpenSSH's stdio forwarding over the URI's own login ({@link SshPipe}). */
  @Override
  public List<String> tcpConnectCommand(String host, int port) {
    return SshPipe.command(libvirtUri(), host, port)
        .orElseThrow(() -> new UnsupportedOperationException(noPipe()));
  }

  private String noPipe() {
    return "node "
        + spec.name()
        + " is reached over qemu+"
        + LibvirtUri.parse(libvirtUri()).transport()
        + ", and nestbed reaches a port on a remote host only through ssh (ssh -W) with the"
        + " login of a qemu+ssh, qemu+libssh or qemu+libssh2 URI";
  }

  /** Every user of the host may connect to its loopback: forwarded ports there need a login. */
  @Override
  public boolean sharesLoopback() {
    return true;
  }

  @Override
  public boolean emulated() {
    return emulated;
  }

  @Override
  public Optional<NodeFiles> files() {
    return Optional.of(files);
  }

  @Override
  public Optional<Accelerator> accelerator() {
    return Optional.of(accelerator);
  }

  @Override
  public Optional<String> whyNoNestedPool() {
    if (emulated) {
      return Optional.of(
          "node "
              + spec.name()
              + " is a machine emulated by TCG: an L1 there would be emulated inside an"
              + " emulation, and its L2 guests inside that");
    }
    return SshPipe.command(libvirtUri(), "127.0.0.1", 1).isPresent()
        ? Optional.empty()
        : Optional.of(noPipe());
  }

  /** The run's pool on the host (console logs are fetched from it on release). */
  RunStoragePool storage() {
    return files.storage();
  }

  LibvirtHost connection() {
    return connection;
  }

  @Override
  public String describe() {
    String warning =
        LibvirtUri.parse(libvirtUri()).transport().equals("tcp")
            ? " (warning: qemu+tcp is neither authenticated nor encrypted)"
            : "";
    return "node "
        + spec.name()
        + " at "
        + libvirtUri()
        + warning
        + " ("
        + facts.hostname()
        + "): "
        + facts.describe()
        + (migrationAddress == null ? "" : ", migrations to " + migrationAddress)
        + ", "
        + accelerator.kind()
        + " ("
        + accelerator.reason()
        + ")";
  }

  @Override
  public String toString() {
    return "node " + spec.name() + " (" + address() + ")";
  }
}
