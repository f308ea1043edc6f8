package dev.nestbed.aggregator;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.libvirt.LibvirtHost;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A running node: a libvirt daemon nestbed can reach, on a machine of its own (real or emulated).
 */
public interface Node {
  NodeSpec spec();

  default String name() {
    return spec().name();
  }

  /** The URI nestbed connects to. */
  String libvirtUri();

  /**
   * Where migration streams to this node are sent: its address on the run's network between nodes,
   * or, for an existing host, the host its URI names.
   */
  String address();

  /**
   * Where this node's daemon and guest logs are written while it runs; null when they are not kept
   * (a remote host's, in a run that keeps no logs).
   */
  @Nullable Path logDirectory();

  /**
   * A command whose standard input and output are a TCP connection to {@code host:port} as this
   * node sees it (e.g. a port that one of its guests forwards to the node's loopback).
   */
  java.util.List<String> tcpConnectCommand(String host, int port);

  /**
   * True when other users of the node's machine share the loopback that a guest's forwarded port
   * listens on (an existing host), so such a port gets an unpredictable number and what listens
   * behind it asks for a login; false where the node's loopback is its own (a network namespace or
   * a container of the run's).
   */
  default boolean sharesLoopback() {
    return false;
  }

  /**
   * How files reach the node's machine; empty when it is this machine (a path here is a path
   * there).
   */
  default Optional<NodeFiles> files() {
    return Optional.empty();
  }

  /**
   * How guests execute on this node; empty when they execute as the run decided for this machine.
   */
  default Optional<Accelerator> accelerator() {
    return Optional.empty();
  }

  /**
   * True when the node is itself a virtual machine emulated by TCG (a Vagrant machine on a host
   * without KVM): its guests are then emulated inside an emulation, as an L2 in a nested pool is,
   * and answer as slowly.
   */
  default boolean emulated() {
    return false;
  }

  /**
   * Empty when a nested pool's L1 can boot on this node; otherwise why not (said before the L1
   * would boot).
   */
  default Optional<String> whyNoNestedPool() {
    return Optional.empty();
  }

  /**
   * Empty while the node's machine runs, as far as the provider can tell without asking its
   * libvirt; otherwise what ended it (a container's exit code and last lines of output), for a
   * failed step to name the cause beside its consequence.
   */
  default Optional<String> whyGone() {
    return Optional.empty();
  }

  /**
   * One line for the user and the report: versions and accelerator, when the provider knows them.
   */
  default String describe() {
    return toString();
  }

  /** Opens a new connection to the node's libvirt; the caller closes it. */
  default LibvirtHost connect() {
    return LibvirtHost.connect(name(), libvirtUri());
  }
}
