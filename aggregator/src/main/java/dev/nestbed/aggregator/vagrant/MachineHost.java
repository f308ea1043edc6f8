package dev.nestbed.aggregator.vagrant;

import dev.nestbed.core.accel.Accelerator;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the Vagrant machines of a run live, and how Vagrant and nestbed reach them: a libvirtd of
 * the run's own on this machine ({@link OwnDaemonHost}), or another machine's libvirt reached over
 * SSH ({@link JumpedHost}). Either has the run's storage pool and management network defined before
 * {@code vagrant up}, and removes them when the run ends.
 */
interface MachineHost {
  /** The libvirt vagrant-libvirt connects to ({@code libvirt.uri}). */
  String libvirtUri();

  /** How Vagrant's SSH reaches a machine; null for directly. */
  @Nullable String proxyCommand();

  /** How guests execute on the host: the machines' driver follows it. */
  Accelerator accelerator();

  /** One line for nodes.yaml: where the accelerator was decided. */
  String driverReason();

  /** What the Vagrantfile's management_network_address takes. */
  String managementSubnet();

  /** The command line of {@code vagrant ARGS} where it reaches the machines. */
  List<String> vagrant(List<String> args);

  /**
   * The command that prints the ed25519 host key of the machine at {@code address} ({@code
   * ssh-keyscan}), run where it reaches the machine.
   */
  List<String> keyscan(String address);

  /** Where {@link #machineUri} checks the machines' host keys. */
  Path knownHosts();

  /** The libvirt URI nestbed reaches the machine at {@code address} by. */
  String machineUri(String address);

  /** One line for the user: where the machines run, and what decided their driver. */
  String describe();

  /**
   * Destroys and undefines those of {@code domainNames} (the run's machines) still on the host
   * after {@code vagrant destroy}; nothing where stopping the host's daemon ends them anyway.
   */
  default void removeMachines(List<String> domainNames) {}
}
