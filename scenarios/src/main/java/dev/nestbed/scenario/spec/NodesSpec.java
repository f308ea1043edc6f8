package dev.nestbed.scenario.spec;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code nodes:} section: how nodes come to exist, and which ones.
 *
 * @param provider {@code local}, {@code container}, {@code vagrant} or {@code remote}; defaults to
 *     {@code local}
 * @param libvirt where Vagrant machines run: the libvirt URI of another host, reached over SSH;
 *     null for a libvirtd of the run's own on this machine
 */
public record NodesSpec(
    @Nullable String provider, List<HostSpec> hosts, @Nullable String libvirt, Location location) {
  public NodesSpec {
    hosts = List.copyOf(hosts);
  }

  public NodesSpec(@Nullable String provider, List<HostSpec> hosts, Location location) {
    this(provider, hosts, null, location);
  }

  /** Its {@code provider}, as a validated spec always has it. */
  public String validProvider() {
    return Validated.value(provider, "provider", location);
  }
}
