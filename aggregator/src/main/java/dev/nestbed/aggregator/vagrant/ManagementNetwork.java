package dev.nestbed.aggregator.vagrant;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.Teardown;
import java.util.stream.Collectors;

/**
 * The Vagrant machines' management network: a libvirt network (forward mode {@code open}: no
 * firewall rules, nothing leaves it) in the daemon's network namespace, with a subnet 10.216.X.0/24
 * no interface of this machine has, and a veth of the run's own from this namespace into its
 * bridge. So nestbed reaches the machines' sshd and libvirtd with a route that names a local
 * device, never the default route.
 */
final class ManagementNetwork {
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
    String bridge =
        libvirt.startNetwork(
            "<network><name>"
                + runId.qualify("mgmt")
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
                + "199'/></dhcp></ip></network>");
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

  /**
   * The machine's ed25519 host key as known_hosts lines, read over the veth (trusted on first use).
   */
  String hostKey(String address) {
    String keys =
        runner
            .run(Command.of("ssh-keyscan", "-t", "ed25519", address))
            .stdout()
            .lines()
            .filter(line -> line.startsWith(address + " "))
            .collect(Collectors.joining("\n"));
    if (keys.isEmpty()) {
      throw new NestbedException(
          "the Vagrant machine at " + address + " offered no ed25519 host key",
          "see its console log under the run's logs");
    }
    return keys + "\n";
  }

  private void ip(String... args) {
    runner.run(Command.of("ip", args));
  }
}
