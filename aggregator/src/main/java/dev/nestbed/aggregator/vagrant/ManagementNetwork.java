package dev.nestbed.aggregator.vagrant;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.Teardown;

/**
 * The Vagrant machines' management network: a libvirt network (forward mode {@code open}: no
 * firewall rules, nothing leaves it) with a bridge and a subnet 10.216.X.0/24 of its own. On a
 * libvirtd of the run's own it lies in that daemon's network namespace, with a subnet no interface
 * of this machine has, and a veth of the run's own from this namespace into its bridge: nestbed
 * reaches the machines' sshd and libvirtd with a route that names a local device, never the default
 * route. On another machine's libvirt it is reached only through that machine ({@link JumpHost}).
 */
final class ManagementNetwork {
  private static final int TRIES_ELSEWHERE = 8;

  /** The network's name within the run. */
  static final String NAME = "mgmt";

  /** The migration network's name within the run ({@link VagrantMachines#network}). */
  static final String MIGRATION_NAME = "net";

  private final RunId runId;
  private final ProcessRunner runner;
  private final int third;

  private ManagementNetwork(RunId runId, ProcessRunner runner, int third) {
    this.runId = runId;
    this.runner = runner;
    this.third = third;
  }

  static ManagementNetwork choose(RunId runId, ProcessRunner runner) {
    String taken =
        runner.run(Command.of("ip", "-o", "-4", "addr", "show")).stdout()
            + runner.run(Command.of("ip", "-4", "route", "show")).stdout();
    int start = Math.floorMod(runId.value().hashCode(), 200) + 20;
    for (int i = 0; i < 250; i++) {
      int x = (start + i) % 250 + 1;
      if (!taken.contains("10.216." + x + ".")) {
        return new ManagementNetwork(runId, runner, x);
      }
    }
    throw new NestbedException(
        "no free 10.216.X.0/24 for the Vagrant machines' management network",
        "remove addresses or routes in 10.216.0.0/16 that runs left behind (nestbed clean)");
  }

  /**
   * Starts the network on another machine's libvirt, whose addresses nestbed cannot list: a subnet
   * that machine already routes makes libvirt refuse the network, and the next one is tried. The
   * caller removes it ({@link #NAME}) when the run ends.
   */
  static ManagementNetwork startOn(RunId runId, LibvirtHost libvirt, ProcessRunner runner) {
    int start = Math.floorMod(runId.value().hashCode(), 200) + 20;
    NestbedException last = null;
    for (int i = 0; i < TRIES_ELSEWHERE; i++) {
      int x = (start + i * 37) % 250 + 1;
      try {
        libvirt.startNetwork(xml(runId, x));
        return new ManagementNetwork(runId, runner, x);
      } catch (NestbedException e) {
        // libvirt: "Network is already in use by interface ..."; anything else is no clash
        if (e.getMessage() == null || !e.getMessage().contains("already in use")) {
          throw e;
        }
        last = e;
      }
    }
    throw new NestbedException(
        "no free 10.216.X.0/24 for the Vagrant machines' management network on "
            + libvirt.name()
            + " after "
            + TRIES_ELSEWHERE
            + " tries: "
            + (last == null ? "" : last.getMessage()),
        "see the networks there: virsh net-list --all",
        last);
  }

  /**
   * Starts the machines' private network for migration streams, {@code veryisolated}: a bridge of
   * its own with no address on the host and no forwarding, so networks of several runs on one host
   * never clash. The machines get static addresses on it ({@link VagrantMachines#address}). The
   * caller removes it ({@link #MIGRATION_NAME}) when the run ends.
   */
  static void startMigrationNetwork(RunId runId, LibvirtHost libvirt) {
    String name = runId.qualify(MIGRATION_NAME);
    libvirt.startNetwork(
        "<network><name>"
            + name
            + "</name><bridge name='nbp"
            + runId.value()
            + "' stp='off'/></network>");
  }

  private static String xml(RunId runId, int third) {
    String prefix = "10.216." + third + ".";
    return "<network><name>"
        + runId.qualify(NAME)
        + "</name>"
        + "<bridge name='nbm"
        + runId.value()
        + "' stp='off'/><forward mode='open'/>"
        + "<ip address='"
        + prefix
        + "1' netmask='255.255.255.0'><dhcp><range start='"
        + prefix
        + "100' end='"
        + prefix
        + "199'/></dhcp></ip></network>";
  }

  /** What the Vagrantfile's management_network_address takes. */
  String subnet() {
    return "10.216." + third + ".0/24";
  }

  private String veth() {
    return "nbv" + runId.value();
  }

  /** Starts the network on {@code libvirt} and joins this namespace to it. */
  void start(LibvirtHost libvirt, String namespace, Teardown teardown) {
    String prefix = "10.216." + third + ".";
    String bridge = libvirt.startNetwork(xml(runId, third));
    teardown.add(
        "delete veth " + veth(),
        () -> runner.runAllowingFailure(Command.of("ip", "link", "del", veth())));
    ip("link", "add", veth(), "type", "veth", "peer", "name", "mgmt0", "netns", namespace);
    ip("-n", namespace, "link", "set", "mgmt0", "master", bridge, "up");
    ip("addr", "add", prefix + "2/24", "dev", veth());
    ip("link", "set", veth(), "up");
    String route = runner.run(Command.of("ip", "route", "get", prefix + "100")).stdout();
    if (!route.contains("dev " + veth())) {
      throw new NestbedException(
          "the route to the Vagrant machines ("
              + prefix
              + "0/24) does not stay on this machine: "
              + route.strip(),
          "remove the route or address in " + prefix + "0/24 that shadows it");
    }
  }

  private void ip(String... args) {
    runner.run(Command.of("ip", args));
  }
}
