package dev.nestbed.scenario.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key the language accepts, per kind of map. The binders reject anything else, and
 * {@link ScenarioSchema} documents the same names, which a test holds them to.
 */
final class Keys {
  static final List<String> SCENARIO = List.of("name", "description", "nodes", "interconnect",
      "pools", "partitions", "steps", "expect");
  static final List<String> NODES = List.of("provider", "hosts");
  static final List<String> HOST = List.of("name", "cpus", "memory", "uri");
  static final List<String> INTERCONNECT = List.of("latency", "bandwidth");
  static final List<String> POOL = List.of("name", "backend", "nodes", "spare",
      "reserve-per-node", "uri");
  static final List<String> RESERVE = List.of("memory");
  static final List<String> PARTITION = List.of("name", "pool", "vcpus", "max-vcpus", "memory",
      "max-memory", "cells", "policy", "workload");
  static final List<String> WORKLOAD = List.of("working-set", "dirty-rate");
  static final List<String> STEP_KEYWORDS = List.of("start", "stop", "wait", "resize", "move",
      "migrate", "add-node", "remove-node", "rebalance", "parallel");
  static final List<String> START = List.of("partitions", "timeout");
  static final List<String> STOP = START;
  static final List<String> WAIT = List.of("heartbeat", "for", "timeout");
  static final List<String> RESIZE = List.of("partition", "vcpus", "memory", "timeout");
  static final List<String> MOVE = List.of("partition", "to-cells", "timeout");
  static final List<String> MIGRATE = List.of("partition", "to-pool", "mode", "max-downtime",
      "bandwidth", "connections", "postcopy-after-iterations", "postcopy-after", "timeout");
  static final List<String> ADD_NODE = List.of("pool", "node", "timeout");
  static final List<String> REMOVE_NODE = List.of("pool", "node", "evacuate", "timeout");
  static final List<String> REBALANCE = List.of("pool", "timeout");
  static final List<String> PARALLEL = List.of("steps", "timeout");
  static final List<String> EXPECT_PARTITION = List.of("partition", "alive", "memory-intact",
      "vcpus-online", "on-cells", "heartbeat-gap");
  static final List<String> EXPECT_STEP = List.of("step", "partition", "guest-downtime",
      "downtime", "total-time", "seen-after");
  static final List<String> EXPECT_POOL = List.of("pool", "cells");
  static final List<String> BOUND = List.of("min", "max");

  /** The key lists by the name of their definition in the schema. */
  static final Map<String, List<String>> BY_DEFINITION = byDefinition();

  static final List<String> PROVIDERS = List.of("local", "container", "vagrant", "remote");
  static final List<String> BACKENDS = List.of("nested", "host", "sim");
  static final List<String> POLICIES = List.of("pack", "spread");
  static final List<String> MODES = List.of("precopy", "postcopy", "auto-converge");

  private Keys() {}

  private static Map<String, List<String>> byDefinition() {
    Map<String, List<String>> all = new LinkedHashMap<>();
    all.put("scenario", SCENARIO);
    all.put("nodes", NODES);
    all.put("host", HOST);
    all.put("interconnect", INTERCONNECT);
    all.put("pool", POOL);
    all.put("reserve", RESERVE);
    all.put("partition", PARTITION);
    all.put("workload", WORKLOAD);
    all.put("step", STEP_KEYWORDS);
    all.put("start", START);
    all.put("stop", STOP);
    all.put("wait", WAIT);
    all.put("resize", RESIZE);
    all.put("move", MOVE);
    all.put("migrate", MIGRATE);
    all.put("add-node", ADD_NODE);
    all.put("remove-node", REMOVE_NODE);
    all.put("rebalance", REBALANCE);
    all.put("parallel", PARALLEL);
    all.put("expect-partition", EXPECT_PARTITION);
    all.put("expect-step", EXPECT_STEP);
    all.put("expect-pool", EXPECT_POOL);
    all.put("bound", BOUND);
    return Collections.unmodifiableMap(all);
  }
}
