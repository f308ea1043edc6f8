package dev.nestbed.aggregator;

import dev.nestbed.core.libvirt.LibvirtHost;
import java.nio.file.Path;

/** A running node: a libvirt daemon nestbed can reach, on a machine of its own (real or emulated). */
public interface Node {
  NodeSpec spec();

  default String name() {
    return spec().name();
  }

  /** The URI nestbed connects to. */
  String libvirtUri();

  /** The node's address on the interconnect, where migration streams are sent. */
  String address();

  /** Where this node's daemon and guest logs are written while it runs. */
  Path logDirectory();

  /**
   * A command whose standard input and output are a TCP connection to {@code host:port} as this
   * node sees it (e.g. a port that one of its guests forwards to the node's loopback).
   */
  java.util.List<String> tcpConnectCommand(String host, int port);

  /** Opens a new connection to the node's libvirt; the caller closes it. */
  default LibvirtHost connect() {
    return LibvirtHost.connect(name(), libvirtUri());
  }
}
