package dev.nestbed.aggregator;

import java.time.Duration;
import java.util.List;

/**
 * Where a run's nodes come from: daemons of nestbed's own on this machine ({@code local}), and in
 * time existing hosts, containers and Vagrant machines. One implementation per provider, chosen by
 * name in {@link NodeProviders}; everything after it sees only {@link Node}s.
 */
public interface NodeProvider extends AutoCloseable {
  /** Brings up the nodes (in parallel where it can) and returns them once each answers. */
  List<Node> start(List<NodeSpec> specs, Duration deadline);

  /** Releases every node it started, also after a failed start; never anything else. */
  @Override
  void close();
}
