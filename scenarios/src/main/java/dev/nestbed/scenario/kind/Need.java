package dev.nestbed.scenario.kind;

import org.jspecify.annotations.Nullable;

/**
 * A capability one step needs from one pool: the pool named by a key, or the pool a partition named
 * by a key is in at that point of the run.
 *
 * @param key the key that names the pool or partition, where a refusal is reported
 * @param name the pool's or the partition's name; null when a problem left it unbound
 * @param ofPartition whether {@code name} is a partition whose pool is meant
 * @param what what the step does, as the refusal says it: "moves a partition between ..."
 */
public record Need(
    Capability capability, Key key, @Nullable String name, boolean ofPartition, String what) {
  static Need pool(Capability capability, Key key, @Nullable String pool, String what) {
    return new Need(capability, key, pool, false, what);
  }

  static Need poolOf(Capability capability, Key key, @Nullable String partition, String what) {
    return new Need(capability, key, partition, true, what);
  }
}
