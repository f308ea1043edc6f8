package dev.nestbed.scenario.spec;

import java.util.List;

/**
 * The {@code nodes:} section: how nodes come to exist, and which ones.
 *
 * @param provider {@code local}, {@code container}, {@code vagrant} or {@code remote}; defaults to
 *     {@code local}
 */
public record NodesSpec(String provider, List<HostSpec> hosts, Location location) {
  public NodesSpec {
    hosts = List.copyOf(hosts);
  }
}
