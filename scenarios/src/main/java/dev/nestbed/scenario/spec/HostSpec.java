package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.DataSize;
import org.jspecify.annotations.Nullable;

/**
 * One node under {@code nodes.hosts}: the CPUs and memory it brings to a pool.
 *
 * @param name 1-12 characters, {@code [a-z][a-z0-9-]*}
 * @param uri the libvirt URI of an existing host; set only, and always, for the {@code remote}
 *     provider, null otherwise
 * @param image the node image of a {@code container} node ({@code default} when null); null for
 *     other providers
 */
public record HostSpec(
    @Nullable String name,
    int cpus,
    @Nullable DataSize memory,
    @Nullable String uri,
    @Nullable String image,
    Location location) {

  /** Its {@code name}, as a validated spec always has it. */
  public String validName() {
    return Validated.value(name, "name", location);
  }
}
