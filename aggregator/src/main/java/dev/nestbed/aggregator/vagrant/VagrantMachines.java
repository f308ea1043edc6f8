package dev.nestbed.aggregator.vagrant;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code nodes.yaml} that nestbed's static Vagrantfile ({@code vagrant/Vagrantfile}) reads: the
 * box, the libvirt the machines run on, and one machine per node with its CPUs, memory and address
 * on the private network that carries migration streams.
 *
 * @param box the Vagrant box every machine boots
 * @param libvirtUri where the machines run
 * @param driver {@code kvm} where KVM really works, {@code qemu} (TCG) otherwise
 * @param driverReason why that driver, written beside it
 * @param prefix what every libvirt object of the project is named with
 * @param managementSubnet the management network's subnet (vagrant-libvirt reaches machines there)
 * @param storagePool the libvirt storage pool the machines' disks go to
 * @param subnet the private network's first three octets ("10.215.0."), machine i gets .(11 + i);
 *     null for none (migration then goes over the management network)
 * @param hostOnNetwork whether the libvirt host has an address on the private network (10.215.0.1,
 *     libvirt's forward mode {@code none}), so that nestbed run there reaches the machines on it;
 *     otherwise nothing on the host ({@code veryisolated}), as runs side by side on one host need
 * @param authorizedKey a public key the machines' {@code vagrant} user accepts besides the one
 *     Vagrant inserts (an RSA key, whose SHA-1 signatures libssh2 1.10 offers and OpenSSH 9
 *     refuses)
 * @param proxyCommand how Vagrant's SSH reaches a machine (through the libvirt host when the
 *     machines run on another one); null for directly
 * @param nodes one machine per node, in order
 */
public record VagrantMachines(
    String box,
    String libvirtUri,
    String driver,
    String driverReason,
    String prefix,
    String managementSubnet,
    String storagePool,
    @Nullable String subnet,
    boolean hostOnNetwork,
    String authorizedKey,
    @Nullable String proxyCommand,
    List<NodeSpec> nodes) {
  private static final int FIRST = 11;

  /**
   * The private network's first three octets. Each project or run has the network to itself (its
   * own libvirt network, isolated), so one subnet serves all of them; side by side on one host,
   * only where the host has no address on it.
   */
  public static final String PRIVATE_SUBNET = "10.215.0.";

  public VagrantMachines {
    if (!authorizedKey.matches("ssh-[a-z0-9-]+ [A-Za-z0-9+/=]+( [^\"\\n]*)?\\s*")) {
      throw new IllegalArgumentException("not one OpenSSH public key line: " + authorizedKey);
    }
    nodes = List.copyOf(nodes);
    if (nodes.size() > 255 - FIRST) {
      throw new IllegalArgumentException(
          nodes.size() + " nodes do not fit the project's private /24");
    }
  }

  /**
   * Makes the ed25519 key pair {@code privateKey} (and {@code privateKey.pub}) unless it exists,
   * and returns the public key line: what nestbed logs in to the machines with.
   */
  public static String key(Path privateKey) {
    Path publicKey = Path.of(privateKey + ".pub");
    try {
      if (!Files.exists(privateKey)) {
        new ProcessRunner()
            .run(
                Command.of(
                    "ssh-keygen",
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    "nestbed",
                    "-f",
                    privateKey.toString()));
      }
      return Files.readString(publicKey).strip();
    } catch (IOException e) {
      throw new NestbedException("cannot read " + publicKey + ": " + e.getMessage(), null, e);
    }
  }

  /** Machine {@code i}'s address on the private network. */
  public String address(int i) {
    return subnet + (FIRST + i);
  }

  /** The private network's name: it carries the migration traffic. */
  public String network() {
    return prefix + "net";
  }

  /** The management network's name. */
  public String managementNetwork() {
    return prefix + "mgmt";
  }

  /** The text of nodes.yaml, headed by {@code comment}. */
  public String yaml(String comment) {
    StringBuilder out = new StringBuilder();
    out.append("# ")
        .append(comment)
        .append('\n')
        .append("box: ")
        .append(box)
        .append('\n')
        .append("libvirt_uri: \"")
        .append(libvirtUri)
        .append("\"\n")
        .append("# ")
        .append(driverReason)
        .append('\n')
        .append("driver: ")
        .append(driver)
        .append('\n')
        .append("prefix: ")
        .append(prefix)
        .append('\n')
        .append(
            subnet == null
                ? ""
                : "network: "
                    + network()
                    + "      # private: the migration traffic\nnetwork_mode: "
                    + (hostOnNetwork
                        ? "none        # the host has .1 on it, to reach the machines"
                        : "veryisolated  # nothing on the host: runs side by side never clash")
                    + "\n")
        .append("management_network: ")
        .append(managementNetwork())
        .append('\n')
        .append("management_subnet: ")
        .append(managementSubnet)
        .append('\n')
        .append("storage_pool: ")
        .append(storagePool)
        .append('\n')
        .append("authorized_key: \"")
        .append(authorizedKey.strip())
        .append("\"\n")
        .append(
            proxyCommand == null
                ? ""
                : "# the machines are reached through the libvirt host\nproxy_command: \""
                    + proxyCommand
                    + "\"\n")
        .append("machines:\n");
    for (int i = 0; i < nodes.size(); i++) {
      NodeSpec n = nodes.get(i);
      out.append("  - {name: ")
          .append(n.name())
          .append(", cpus: ")
          .append(n.cpus())
          .append(", memory_mib: ")
          .append(n.memory().mib())
          .append(subnet == null ? "" : ", ip: " + address(i))
          .append("}\n");
    }
    return out.toString();
  }
}
