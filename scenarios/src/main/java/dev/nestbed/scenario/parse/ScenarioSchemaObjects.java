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

/** The maps of the language with every key and what it means, for {@link ScenarioSchema}. */
final class ScenarioSchemaObjects {
  private static final String TIMEOUT = "How long the step may take before it fails; "
      + "the runner's default when absent.";

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
    ObjectNode scenario = schema.object("scenario", "One experiment: nodes, pools built from "
        + "them, partitions carved from the pools, timed steps and expectations.",
        "name", "pools");
    schema.key(scenario, "name", string("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", null),
            "Short identifier; names the run directory.")
        .key(scenario, "description", text(), "Free text for people.")
        .key(scenario, "nodes", ref("nodes"), "The nodes (servers) and how they come to exist; "
            + "not needed when every pool adopts a machine by uri.")
        .key(scenario, "interconnect", ref("interconnect"),
            "The link between nodes; defaults to 2us and 10Gbit/s.")
        .key(scenario, "pools", list(ref("pool"), null), "Pools (aggregates, virtual SMPs).")
        .key(scenario, "partitions", list(ref("partition"), null), "Partitions (small VMs).")
        .key(scenario, "steps", list(ref("step"), null), "What happens, in order.")
        .key(scenario, "expect", list(ref("expectation"), null), "Checked after the steps.");
    ObjectNode nodes = schema.object("nodes", "Nodes: physical or emulated servers.", "hosts");
    schema.key(nodes, "provider", choice(Keys.PROVIDERS),
            "local (default: daemons on this machine), container, vagrant, or remote (by uri).")
        .key(nodes, "hosts", list(ref("host"), null), "The nodes, each with its name.");
    // Remote hosts are named by their libvirt URI (draft-07's if/then, as editors understand it).
    ObjectNode remote = nodes.putObject("if");
    remote.putObject("properties").putObject("provider").put("const", "remote");
    remote.putArray("required").add("provider");
    nodes.putObject("then").putObject("properties").putObject("hosts").putObject("items").putArray("required")
        .add("uri");
    ObjectNode host = schema.object("host", "One node.", "name", "cpus", "memory");
    schema.key(host, "name", ref("node-name"), "Unique node name; becomes a NUMA cell.")
        .key(host, "cpus", integer(1), "CPUs the node brings to a pool.")
        .key(host, "memory", ref("size"), "Memory the node brings to a pool.")
        .key(host, "uri", text(), "Libvirt URI of an existing host; remote provider only.");
    ObjectNode link = schema.object("interconnect", "The link between nodes.");
    schema.key(link, "latency", ref("duration"), "One-way latency, e.g. 2us.")
        .key(link, "bandwidth", ref("rate"), "Bandwidth, e.g. 10Gbit/s.");
    ObjectNode pool = schema.object("pool", "A pool: member nodes joined into one virtual SMP.",
        "name");
    schema.key(pool, "name", ref("pool-name"), "Unique pool name.")
        .key(pool, "backend", choice(Keys.BACKENDS),
            "nested (default: an L1 VM with one vNUMA cell per node), host (adopt a machine by "
                + "uri, or a node as it is), sim (a model).")
        .key(pool, "nodes", ref("node-names"), "Member nodes at the start, one cell each.")
        .key(pool, "spare", ref("node-names"), "Nodes that may join later with add-node.")
        .key(pool, "reserve-per-node", ref("reserve"), "What each member (or discovered cell) keeps for itself.")
        .key(pool, "uri", text(), "Libvirt URI of the adopted machine; host backend only, "
            + "instead of nodes. Its cells are discovered from its capabilities.");
    ObjectNode reserve = schema.object("reserve", "Resources each member node keeps back.");
    schema.key(reserve, "memory", ref("size"), "Memory kept per node; default 256MiB.");
    ObjectNode partition = schema.object("partition", "A partition: a small VM in a pool.",
        "name", "pool", "vcpus", "memory");
    schema.key(partition, "name", ref("partition-name"), "Unique partition name.")
        .key(partition, "pool", ref("pool-name"), "The pool it starts in.")
        .key(partition, "vcpus", integer(1), "vCPUs at the start.")
        .key(partition, "max-vcpus", integer(1), "Most vCPUs a resize may reach; default vcpus.")
        .key(partition, "memory", ref("size"), "Memory at the start.")
        .key(partition, "max-memory", ref("size"), "Most memory a resize may reach; "
            + "default memory.")
        .key(partition, "cells", ref("node-names"), "Member nodes of the pool to place it on.")
        .key(partition, "policy", choice(Keys.POLICIES), "Placement when cells are not given.")
        .key(partition, "workload", ref("workload"), "The memory workload its agent runs.");
    ObjectNode workload = schema.object("workload", "Memory the agent keeps busy.");
    schema.key(workload, "working-set", ref("size"), "Memory kept allocated; default 16MiB.")
        .key(workload, "dirty-rate", ref("rate"), "How fast it is rewritten; default 0B/s.");
  }

  private void steps() {
    ObjectNode step = schema.object("step", "One step: a map with exactly one step keyword.");
    step.put("minProperties", 1).put("maxProperties", 1);
    schema.key(step, "start", oneOf(ref("partition-names"), ref("start")),
            "Boot partitions and wait for their agents.")
        .key(step, "stop", oneOf(ref("partition-names"), ref("stop")), "Shut partitions down.")
        .key(step, "wait", ref("wait"), "Wait for heartbeats, or for a time.")
        .key(step, "resize", ref("resize"), "Hot-plug vCPUs or memory.")
        .key(step, "move", ref("move"), "Live-migrate a partition to other cells of its pool.")
        .key(step, "migrate", ref("migrate"), "Live-migrate a partition to another pool.")
        .key(step, "add-node", ref("add-node"), "A spare node joins its pool.")
        .key(step, "remove-node", ref("remove-node"), "A member node leaves its pool.")
        .key(step, "rebalance", oneOf(ref("pool-name"), ref("rebalance")),
            "Re-place a pool's partitions across its cells.")
        .key(step, "parallel", oneOf(list(ref("step"), null), ref("parallel")),
            "Steps that run at the same time.");
    for (String kind : new String[] {"start", "stop"}) {
      ObjectNode form = schema.object(kind, "The map form of " + kind + ".", "partitions");
      schema.key(form, "partitions", ref("partition-names"), "The partitions.")
          .key(form, "timeout", ref("duration"), TIMEOUT);
    }
    ObjectNode wait = schema.object("wait", "Give heartbeat, for, or both.");
    schema.key(wait, "heartbeat", ref("partition-names"), "Wait until each has sent a heartbeat.")
        .key(wait, "for", ref("duration"), "Let this much time pass.")
        .key(wait, "timeout", ref("duration"), TIMEOUT);
    ObjectNode resize = schema.object("resize", "Give vcpus, memory, or both.", "partition");
    schema.key(resize, "partition", ref("partition-name"), "The partition.")
        .key(resize, "vcpus", integer(1), "New vCPU count, at most max-vcpus.")
        .key(resize, "memory", ref("size"), "New memory size, at most max-memory.")
        .key(resize, "timeout", ref("duration"), TIMEOUT);
    ObjectNode move = schema.object("move", "Move inside the pool.", "partition", "to-cells");
    schema.key(move, "partition", ref("partition-name"), "The partition.")
        .key(move, "to-cells", ref("node-names"), "Member nodes of its pool to move to.")
        .key(move, "timeout", ref("duration"), TIMEOUT);
    migrate();
    ObjectNode add = schema.object("add-node", "Add a spare.", "pool", "node");
    schema.key(add, "pool", ref("pool-name"), "The pool.")
        .key(add, "node", ref("node-name"), "One of the pool's spares.")
        .key(add, "timeout", ref("duration"), TIMEOUT);
    ObjectNode remove = schema.object("remove-node", "Remove a member.", "pool", "node");
    schema.key(remove, "pool", ref("pool-name"), "The pool.")
        .key(remove, "node", ref("node-name"), "A current member of the pool.")
        .key(remove, "evacuate", bool(), "Move its partitions away first; default false (the step is refused while partitions use the cell).")
        .key(remove, "timeout", ref("duration"), TIMEOUT);
    ObjectNode rebalance = schema.object("rebalance", "The map form of rebalance.", "pool");
    schema.key(rebalance, "pool", ref("pool-name"), "The pool.")
        .key(rebalance, "timeout", ref("duration"), TIMEOUT);
    ObjectNode parallel = schema.object("parallel", "The map form of parallel.", "steps");
    schema.key(parallel, "steps", list(ref("step"), null), "The steps that run together.")
        .key(parallel, "timeout", ref("duration"), TIMEOUT);
  }

  private void migrate() {
    ObjectNode migrate = schema.object("migrate", "Migrate to another pool.", "partition",
        "to-pool");
    schema.key(migrate, "partition", ref("partition-name"), "The partition.")
        .key(migrate, "to-pool", ref("pool-name"), "The pool to move to; not its current one.")
        .key(migrate, "mode", choice(Keys.MODES), "precopy (default), postcopy, auto-converge.")
        .key(migrate, "max-downtime", ref("duration"), "Longest pause for the final copy.")
        .key(migrate, "bandwidth", ref("rate"), "Most the migration stream may use.")
        .key(migrate, "connections", integer(1), "Parallel migration connections.")
        .key(migrate, "postcopy-after-iterations", integer(1),
            "postcopy only: switch after this many precopy passes.")
        .key(migrate, "postcopy-after", ref("duration"),
            "postcopy only: switch after this long in precopy.")
        .key(migrate, "timeout", ref("duration"), TIMEOUT);
  }

  private void expectations() {
    ObjectNode any = ScenarioSchema.oneOf(ref("expect-partition"), ref("expect-step"),
        ref("expect-pool"));
    ObjectNode expectation = schema.object("expectation", "");
    expectation.removeAll().setAll(any);
    expectation.put("description", "About a partition (partition), a step's measured times "
        + "(step), or a pool's shape (pool).");
    ObjectNode partition = schema.object("expect-partition", "A partition's state at the end.",
        "partition");
    schema.key(partition, "partition", ref("partition-name"), "The partition.")
        .key(partition, "alive", bool(), "Its agent still answers.")
        .key(partition, "memory-intact", bool(), "Its memory checksums still match.")
        .key(partition, "vcpus-online", integer(1), "vCPUs online in the guest.")
        .key(partition, "on-cells", bool(), "Its vCPUs and memory are on its cells, seen from inside "
            + "its nested pool.")
        .key(partition, "heartbeat-gap", ref("bound"), "Longest gap between heartbeats.");
    ObjectNode step = schema.object("expect-step", "Times measured on steps of one kind.",
        "step");
    schema.key(step, "step", choice(Keys.STEP_KEYWORDS), "The step keyword.")
        .key(step, "partition", ref("partition-name"), "The partition the step acts on.")
        .key(step, "guest-downtime", ref("bound"), "Heartbeat gap seen inside the guest.")
        .key(step, "downtime", ref("bound"), "Downtime as libvirt reports it.")
        .key(step, "total-time", ref("bound"), "From start to end of the step.")
        .key(step, "seen-after", ref("bound"), "Until the guest saw resized vCPUs or memory.");
    ObjectNode pool = schema.object("expect-pool", "A pool's shape at the end.", "pool", "cells");
    schema.key(pool, "pool", ref("pool-name"), "The pool.")
        .key(pool, "cells", integer(0), "Number of member nodes.");
    ObjectNode bound = schema.object("bound", "A range; give min, max, or both.");
    schema.key(bound, "min", ref("duration"), "At least this long.")
        .key(bound, "max", ref("duration"), "At most this long.");
  }
}
