package dev.nestbed.aggregator.local;

import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunId;

/**
 * The virtual network between local nodes: one network namespace per node, each with a veth into a
 * bridge that lives in a "switch" namespace of its own. Nothing is added to the host's own network
 * namespace, so two runs never see each other and the host's routes stay untouched. Addresses are
 * private to these namespaces.
 */
final class Interconnect {
  private static final String SUBNET = "10.213.0.";
  private static final int FIRST_HOST = 11;

  /** Node addresses run from .11 to .254 of the /24. */
  static final int MAX_NODES = 255 - FIRST_HOST;

  private final RunId runId;
  private final ProcessRunner runner;

  Interconnect(RunId runId, ProcessRunner runner) {
    this.runId = runId;
    this.runner = runner;
  }

  String switchNamespace() {
    return runId.qualify("sw");
  }

  String nodeNamespace(String node) {
    return runId.qualify(node);
  }

  void createSwitch() {
    String sw = switchNamespace();
    ip("netns", "add", sw);
    ip("-n", sw, "link", "add", "br0", "type", "bridge");
    ip("-n", sw, "link", "set", "br0", "up");
  }

  /** Creates the node's namespace and cable; returns the node's address. */
  String attach(String node, int index) {
    String ns = nodeNamespace(node);
    String address = address(index);
    String port =
        "p" + index; // switch-side names only need to be unique inside the switch namespace
    ip("netns", "add", ns);
    ip(
        "-n",
        switchNamespace(),
        "link",
        "add",
        port,
        "type",
        "veth",
        "peer",
        "name",
        "eth0",
        "netns",
        ns);
    ip("-n", switchNamespace(), "link", "set", port, "master", "br0", "up");
    ip("-n", ns, "addr", "add", address + "/24", "dev", "eth0");
    ip("-n", ns, "link", "set", "eth0", "up");
    ip("-n", ns, "link", "set", "lo", "up");
    return address;
  }

  /** The address of the node attached as {@code index}. */
  static String address(int index) {
    return SUBNET + (FIRST_HOST + index);
  }

  /** Deletes a namespace; its veth pairs go with it. Missing namespaces are fine. */
  void delete(String namespace) {
    runner.runAllowingFailure(Command.of("ip", "netns", "del", namespace));
  }

  private void ip(String... args) {
    runner.run(Command.of("ip", args));
  }
}
