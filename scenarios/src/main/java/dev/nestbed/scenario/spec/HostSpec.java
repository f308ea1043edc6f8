package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.DataSize;

/**
 * One node under {@code nodes.hosts}: the CPUs and memory it brings to a pool.
 *
 * @param name 1-12 characters, {@code [a-z][a-z0-9-]*}
 * @param uri the libvirt URI of an existing host; set only, and always, for the {@code remote}
 *     provider, null otherwise
 */
public record HostSpec(String name, int cpus, DataSize memory, String uri, Location location) {}
