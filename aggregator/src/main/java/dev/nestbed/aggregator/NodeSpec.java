package dev.nestbed.aggregator;

import dev.nestbed.core.value.DataSize;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One node as a scenario declares it: its name and the CPUs and memory it brings to a pool. On the
 * {@code local} provider these are the node's share for planning; the daemons all run on this one
 * machine. On the {@code remote} provider they are what the host must at least have.
 *
 * @param uri the libvirt URI of an existing host (the {@code remote} provider); null otherwise
 * @param image the node image a {@code container} node runs ({@code images/node-<image>/}); null
 *     for other providers and for the default image
 */
public record NodeSpec(
    String name, int cpus, DataSize memory, @Nullable String uri, @Nullable String image) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,11}");

  public NodeSpec {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "node name '"
              + name
              + "' must be 1-12 characters: lowercase letters, digits and '-', starting with a letter");
    }
    if (cpus < 1) {
      throw new IllegalArgumentException("node " + name + " needs at least 1 cpu, not " + cpus);
    }
  }

  /** A node that nestbed creates (no URI). */
  public NodeSpec(String name, int cpus, DataSize memory) {
    this(name, cpus, memory, null, null);
  }

  /** A node with a URI (an existing host) or without one, from the default image. */
  public NodeSpec(String name, int cpus, DataSize memory, @Nullable String uri) {
    this(name, cpus, memory, uri, null);
  }

  /** The URI of the existing host this node is, if it is one. */
  public Optional<String> existingHost() {
    return Optional.ofNullable(uri);
  }
}
