package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.kind.ExpectKinds;
import dev.nestbed.scenario.kind.StepKinds;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key the language accepts, per kind of map. The binders reject anything else, and {@link
 * ScenarioSchema} documents the same names, which a test holds them to. The keys of the steps and
 * of the expectations are not listed here: each kind declares its own ({@link StepKinds}, {@link
 * ExpectKinds}).
 */
final class Keys {
  static final List<String> SCENARIO =
      List.of(
          "name", "description", "nodes", "interconnect", "pools", "partitions", "steps", "expect");
  static final List<String> NODES = List.of("provider", "libvirt", "hosts");
  static final List<String> HOST = List.of("name", "cpus", "memory", "uri", "image");
  static final List<String> INTERCONNECT = List.of("latency", "bandwidth");
  static final List<String> POOL =
      List.of("name", "backend", "nodes", "spare", "reserve-per-node", "uri");
  static final List<String> RESERVE = List.of("memory");
  static final List<String> PARTITION =
      List.of(
          "name",
          "pool",
          "vcpus",
          "max-vcpus",
          "memory",
          "max-memory",
          "memory-device",
          "machine",
          "cells",
          "policy",
          "workload");
  static final List<String> WORKLOAD = List.of("working-set", "dirty-rate");

  /** The step keywords, from the kinds themselves. */
  static final List<String> STEP_KEYWORDS = StepKinds.keywords();

  static final List<String> BOUND = List.of("min", "max");

  /** The key lists by the name of their definition in the schema. */
  static final Map<String, List<String>> BY_DEFINITION = byDefinition();

  static final List<String> PROVIDERS = List.of("local", "container", "vagrant", "remote", "sim");
  static final List<String> BACKENDS = List.of("nested", "host", "sim");
  static final List<String> POLICIES = List.of("pack", "spread");
  static final List<String> MEMORY_DEVICES = List.of("virtio-mem", "dimm");

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
    StepKinds.ALL.forEach(kind -> all.put(kind.keyword(), kind.keyNames()));
    ExpectKinds.ALL.forEach(kind -> all.put(kind.definition(), kind.keyNames()));
    all.put("bound", BOUND);
    return Collections.unmodifiableMap(all);
  }
}
