package dev.nestbed.aggregator.local;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import java.nio.file.Path;

/** A node of the local provider: a libvirtd in its own mount, UTS and network namespaces. */
final class LocalNode implements Node {
  private final NodeSpec spec;
  private final NodeDaemon daemon;
  private final String address;
  private final String namespace;

  LocalNode(NodeSpec spec, NodeDaemon daemon, String address, String namespace) {
    this.spec = spec;
    this.daemon = daemon;
    this.address = address;
    this.namespace = namespace;
  }

  /** socat inside the node's network namespace: the node's own loopback, not the host's. */
  @Override
  public java.util.List<String> tcpConnectCommand(String host, int port) {
    return java.util.List.of(
        "nsenter", "--net=/run/netns/" + namespace, "socat", "-", "TCP:" + host + ":" + port);
  }

  @Override
  public NodeSpec spec() {
    return spec;
  }

  @Override
  public String libvirtUri() {
    return "qemu+unix:///system?socket=" + daemon.socket();
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public Path logDirectory() {
    return daemon.logDirectory();
  }

  NodeDaemon daemon() {
    return daemon;
  }

  @Override
  public String toString() {
    return "node " + spec.name() + " (" + address + ")";
  }
}
