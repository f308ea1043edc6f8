package dev.nestbed.aggregator.pool;

import java.time.Duration;

/** A pool whose nodes join and leave while it runs (see {@link Pool#membership()}). */
public interface NodeMembership {
  /**
   * A spare node joins: its CPUs and memory are plugged into its cell and brought online inside;
   * returns when they are usable, or fails after {@code within}.
   */
  NodeChange addNode(String node, Duration within);

  /** A member node leaves live; what the pool's kernel keeps is said in the change's notes. */
  NodeChange removeNode(String node, Duration within);
}
