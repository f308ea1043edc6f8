package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataSize;
import java.util.Map;

/**
 * Where the CPUs and memory of existing hosts come from when a scenario leaves them out ({@code
 * provider: remote}): their libvirt, asked by the caller of {@link ScenarioLoader}. The loader asks
 * once, for every such host, before it plans or checks anything that needs sizes.
 */
@FunctionalInterface
public interface HostSizes {
  /** Asks nobody: hosts without sizes are a problem of the scenario. */
  HostSizes NONE = uris -> Map.of();

  /** What one host has. */
  record Size(int cpus, DataSize memory) {}

  /**
   * The sizes of the hosts named, by node name; a host missing from the answer stays unknown.
   *
   * @param uriByNode the libvirt URI of each host to ask, by node name
   */
  Map<String, Size> of(Map<String, String> uriByNode);
}
