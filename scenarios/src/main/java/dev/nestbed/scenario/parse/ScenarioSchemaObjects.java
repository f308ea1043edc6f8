package dev.nestbed.scenario.parse;

import static dev.nestbed.scenario.parse.ScenarioSchema.bool;
import static dev.nestbed.scenario.parse.ScenarioSchema.choice;
import static dev.nestbed.scenario.parse.ScenarioSchema.integer;
import static dev.nestbed.scenario.parse.ScenarioSchema.list;
import static dev.nestbed.scenario.parse.ScenarioSchema.oneOf;
import static dev.nestbed.scenario.parse.ScenarioSchema.ref;
import static dev.nestbed.scenario.parse.ScenarioSchema.string;
import static dev.nestbed.scenario.parse.ScenarioSchema.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestbed.core.image.NodeImageBuilder;
import dev.nestbed.scenario.kind.ExpectKind;
import dev.nestbed.scenario.kind.ExpectKinds;
import dev.nestbed.scenario.kind.Key;
import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import java.util.Objects;

/** The maps of the language with every key and what it means, for {@link ScenarioSchema}. */
final class ScenarioSchemaObjects {
  private final ScenarioSchema schema;

  ScenarioSchemaObjects(ScenarioSchema schema) {
    this.schema = schema;
  }

  void define() {
    declarations();
    steps();
    expectations();
  }

  private void declarations() {
    ObjectNode scenario =
        schema.object(
            "scenario",
            "One experiment: nodes, pools built from "
                + "them, partitions carved from the pools, timed steps and expectations.",
            "name",
            "pools");
    schema
        .key(
            scenario,
            "name",
            string("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", null),
            "Short identifier; names the run directory.")
        .key(scenario, "description", text(), "Free text for people.")
        .key(
            scenario,
            "nodes",
            ref("nodes"),
            "The nodes (servers) and how they come to exist; "
                + "not needed when every pool adopts a machine by uri.")
        .key(
            scenario,
            "interconnect",
            ref("interconnect"),
            "The link between nodes; defaults to 2us and 10Gbit/s.")
        .key(scenario, "pools", list(ref("pool"), null), "Pools (aggregates, virtual SMPs).")
        .key(scenario, "partitions", list(ref("partition"), null), "Partitions (small VMs).")
        .key(scenario, "steps", list(ref("step"), null), "What happens, in order.")
        .key(scenario, "expect", list(ref("expectation"), null), "Checked after the steps.");
    ObjectNode nodes = schema.object("nodes", "Nodes: physical or emulated servers.", "hosts");
    schema
        .key(
            nodes,
            "provider",
            choice(Keys.PROVIDERS),
            "local (default: daemons on this machine), container, vagrant, or remote (by uri).")
        .key(
            nodes,
            "libvirt",
            text(),
            "Another host's libvirt over SSH (qemu+ssh://user@host/system) to run the Vagrant"
                + " machines on; vagrant provider only. Default: a libvirtd of the run's own here.")
        .key(nodes, "hosts", list(ref("host"), null), "The nodes, each with its name.");
    // Remote hosts are named by their libvirt URI (draft-07's if/then, as editors understand it).
    ObjectNode remote = nodes.putObject("if");
    remote.putObject("properties").putObject("provider").put("const", "remote");
    remote.putArray("required").add("provider");
    nodes
        .putObject("then")
        .putObject("properties")
        .putObject("hosts")
        .putObject("items")
        .putArray("required")
        .add("uri");
    ObjectNode host = schema.object("host", "One node.", "name", "cpus", "memory");
    schema
        .key(host, "name", ref("node-name"), "Unique node name; becomes a NUMA cell.")
        .key(host, "cpus", integer(1), "CPUs the node brings to a pool.")
        .key(host, "memory", ref("size"), "Memory the node brings to a pool.")
        .key(host, "uri", text(), "Libvirt URI of an existing host; remote provider only.")
        .key(
            host,
            "image",
            choice(NodeImageBuilder.IMAGES),
            "Node image of a container node (its QEMU and libvirt); container provider only.");
    ObjectNode link = schema.object("interconnect", "The link between nodes.");
    schema
        .key(link, "latency", ref("duration"), "One-way latency, e.g. 2us.")
        .key(link, "bandwidth", ref("rate"), "Bandwidth, e.g. 10Gbit/s.");
    ObjectNode pool =
        schema.object("pool", "A pool: member nodes joined into one virtual SMP.", "name");
    schema
        .key(pool, "name", ref("pool-name"), "Unique pool name.")
        .key(
            pool,
            "backend",
            choice(Keys.BACKENDS),
            "nested (default: an L1 VM with one vNUMA cell per node), host (adopt a machine by "
                + "uri, or a node as it is), sim (a model).")
        .key(pool, "nodes", ref("node-names"), "Member nodes at the start, one cell each.")
        .key(pool, "spare", ref("node-names"), "Nodes that may join later with add-node.")
        .key(
            pool,
            "reserve-per-node",
            ref("reserve"),
            "What each member (or discovered cell) keeps for itself.")
        .key(
            pool,
            "uri",
            text(),
            "Libvirt URI of the adopted machine; host backend only, "
                + "instead of nodes. Its cells are discovered from its capabilities.");
    ObjectNode reserve = schema.object("reserve", "Resources each member node keeps back.");
    schema.key(reserve, "memory", ref("size"), "Memory kept per node; default 256MiB.");
    ObjectNode partition =
        schema.object(
            "partition", "A partition: a small VM in a pool.", "name", "pool", "vcpus", "memory");
    schema
        .key(partition, "name", ref("partition-name"), "Unique partition name.")
        .key(partition, "pool", ref("pool-name"), "The pool it starts in.")
        .key(partition, "vcpus", integer(1), "vCPUs at the start.")
        .key(partition, "max-vcpus", integer(1), "Most vCPUs a resize may reach; default vcpus.")
        .key(partition, "memory", ref("size"), "Memory at the start.")
        .key(
            partition,
            "max-memory",
            ref("size"),
            "Most memory a resize may reach; " + "default memory.")
        .key(
            partition,
            "memory-device",
            choice(Keys.MEMORY_DEVICES),
            "How memory past the "
                + "boot size is plugged: virtio-mem (default; resized in 2MiB blocks) or dimm "
                + "(whole 128MiB sections, for guests without virtio-mem).")
        .key(
            partition,
            "machine",
            text(),
            "QEMU machine type, e.g. pc-i440fx-7.2 (default pc: the newest of the QEMU it starts"
                + " on); migrating to an older QEMU needs one it knows.")
        .key(partition, "cells", ref("node-names"), "Member nodes of the pool to place it on.")
        .key(partition, "policy", choice(Keys.POLICIES), "Placement when cells are not given.")
        .key(partition, "workload", ref("workload"), "The memory workload its agent runs.");
    ObjectNode workload = schema.object("workload", "Memory the agent keeps busy.");
    schema
        .key(workload, "working-set", ref("size"), "Memory kept allocated; default 16MiB.")
        .key(workload, "dirty-rate", ref("rate"), "How fast it is rewritten; default 0B/s.");
  }

  /** The step definitions, each from its kind: its keys, their types and what they mean. */
  private void steps() {
    ObjectNode step = schema.object("step", "One step: a map with exactly one step keyword.");
    step.put("minProperties", 1).put("maxProperties", 1);
    for (StepKind<?> kind : StepKinds.ALL) {
      ObjectNode form = ref(kind.keyword());
      schema.key(
          step,
          kind.keyword(),
          kind.shortForm().map(f -> oneOf(value(f.key()), form)).orElse(form),
          kind.description());
    }
    for (StepKind<?> kind : StepKinds.ALL) {
      ObjectNode form =
          schema.object(kind.keyword(), kind.form(), kind.requiredKeys().toArray(String[]::new));
      kind.keys().forEach(key -> schema.key(form, key.name(), value(key), key.description()));
    }
  }

  /** The schema of a key's value, by its type. */
  private static ObjectNode value(Key key) {
    return switch (key.type()) {
      case COUNT -> integer(1);
      case WHOLE -> integer(0);
      case FLAG -> bool();
      case CHOICE -> choice(key.choices());
      case STEPS -> list(ref("step"), null);
      default ->
          ref(
              Objects.requireNonNull(
                  key.type().definition(), "a type not written inline has a definition"));
    };
  }

  private void expectations() {
    ObjectNode any =
        ScenarioSchema.oneOf(
            ExpectKinds.ALL.stream().map(k -> ref(k.definition())).toArray(ObjectNode[]::new));
    ObjectNode expectation = schema.object("expectation", "");
    expectation.removeAll().setAll(any);
    expectation.put(
        "description",
        "About a partition (partition), a step's measured times "
            + "(step), or a pool's shape (pool).");
    for (ExpectKind<?> kind : ExpectKinds.ALL) {
      ObjectNode form =
          schema.object(
              kind.definition(), kind.description(), kind.requiredKeys().toArray(String[]::new));
      kind.keys().forEach(key -> schema.key(form, key.name(), value(key), key.description()));
    }
    ObjectNode bound = schema.object("bound", "A range; give min, max, or both.");
    schema
        .key(bound, "min", ref("duration"), "At least this long.")
        .key(bound, "max", ref("duration"), "At most this long.");
  }
}
