package dev.nestbed.scenario.kind;

import org.jspecify.annotations.Nullable;

/**
 * What a key's value is. The binder reads it by this type and the JSON Schema describes it by the
 * definition named here, so a key cannot be read as one thing and documented as another.
 */
public enum KeyType {
  /** One partition by name. */
  PARTITION("partition-name"),
  /** A non-empty list of partitions. */
  PARTITIONS("partition-names"),
  /** One pool by name. */
  POOL("pool-name"),
  /** One node by name. */
  NODE("node-name"),
  /** A non-empty list of nodes. */
  NODES("node-names"),
  /** A size with its unit, e.g. 256MiB. */
  SIZE("size"),
  /** A duration with its unit, e.g. 300ms. */
  DURATION("duration"),
  /** A rate with its unit, e.g. 100MiB/s. */
  RATE("rate"),
  /** A whole number of at least 1. */
  COUNT(null),
  /** A whole number of at least 0. */
  WHOLE(null),
  /** A range of durations, {@code {min: 1s, max: 2s}}. */
  BOUND("bound"),
  /** true or false. */
  FLAG(null),
  /** One of a fixed set of words. */
  CHOICE(null),
  /** A list of steps. */
  STEPS(null);

  private final @Nullable String definition;

  KeyType(@Nullable String definition) {
    this.definition = definition;
  }

  /** The schema definition that describes a value of this type; null when it is written inline. */
  public @Nullable String definition() {
    return definition;
  }

  /** Whether the value is a list, so a problem in it is placed at its item. */
  public boolean isList() {
    return this == PARTITIONS || this == NODES || this == STEPS;
  }
}
