package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.kind.Effect.Names;
import dev.nestbed.scenario.kind.Key;
import dev.nestbed.scenario.kind.KeyType;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.spec.AddNodeStep;
import dev.nestbed.scenario.spec.HostSpec;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.MigrateStep;
import dev.nestbed.scenario.spec.MoveStep;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.RemoveNodeStep;
import dev.nestbed.scenario.spec.ResizeStep;
import dev.nestbed.scenario.spec.ScenarioSpec;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Walks the steps in order against a {@link PoolLedger}: every name a step uses must exist, and
 * must make sense at that point (a node added must be a spare then, a partition migrated must
 * not already be in the target pool, a resize must stay within the partition's maximum).
 */
final class StepCheck {
  private final ScenarioSpec spec;
  private final Problems problems;
  private final Sources sources;
  private final PoolLedger ledger;
  private final StepCapacity capacity;
  private final GroupRaces races;
  private final DimmStacks dimms = new DimmStacks();
  /** How many parallel groups the check is inside now. */
  private int groupDepth;

  StepCheck(ScenarioSpec spec, Problems problems, Sources sources) {
    this.spec = spec;
    this.problems = problems;
    this.sources = sources;
    this.ledger = new PoolLedger(spec);
    this.capacity = new StepCapacity(ledger, problems, sources);
    this.races = new GroupRaces(spec, problems, sources);
  }

  void run() {
    spec.steps().forEach(this::check);
  }

  /**
   * Kinds whose names need more than to be declared (limits, the ledger of pool members) are
   * checked here one by one; any other kind, a new one included, by the names its unit declares.
   */
  private void check(StepSpec step) {
    if (step instanceof ResizeStep resize) {
      partition(resize, resize.partition()).ifPresent(p -> resize(resize, p));
    } else if (step instanceof MoveStep move) {
      partition(move, move.partition()).ifPresent(p -> move(move, p));
    } else if (step instanceof MigrateStep migrate) {
      boolean poolDeclared = pool(migrate, migrate.toPool()).isPresent();
      partition(migrate, migrate.partition()).filter(p -> poolDeclared)
          .ifPresent(p -> migrate(migrate, p));
    } else if (step instanceof AddNodeStep add) {
      addNode(add);
    } else if (step instanceof RemoveNodeStep remove) {
      removeNode(remove);
    } else if (step instanceof ParallelStep parallel) {
      parallel(parallel);
    } else {
      references(step);
    }
  }

  /** Every name the step's kind says it uses is declared. */
  private void references(StepSpec step) {
    for (Names names : StepKinds.of(step).referencesOf(step)) {
      Key key = names.key();
      for (int i = 0; i < names.names().size(); i++) {
        String name = names.names().get(i);
        Location at = key.type().isList() ? sources.at(step.location(), key.name(), i)
            : sources.at(step.location(), key.name());
        switch (key.type()) {
          case PARTITION, PARTITIONS -> declared(step, name, at);
          case POOL -> pool(step, name);
          case NODE, NODES -> nodeDeclared(step, name, at);
          default -> throw new IllegalStateException("key " + key.name() + " of " + step.kind()
              + " names no partition, pool or node");
        }
      }
    }
  }

  private Optional<PartitionDecl> partition(StepSpec step, String name) {
    return name == null ? Optional.empty()
        : declared(step, name, sources.at(step.location(), "partition"));
  }

  private Optional<PartitionDecl> declared(StepSpec step, String name, Location at) {
    Optional<PartitionDecl> partition = spec.partition(name);
    if (partition.isEmpty() && sources.complete("partitions")) {
      problems.add(at, step.kind() + " step: partition '" + name + "' is not declared",
          Suggest.hint(name, spec.partitions().stream().map(PartitionDecl::name)
              .filter(Objects::nonNull).toList(), "declared partitions"));
    }
    return partition;
  }

  private Optional<PoolSpec> pool(StepSpec step, String name) {
    if (name == null) {
      return Optional.empty();
    }
    Optional<PoolSpec> pool = spec.pool(name);
    if (pool.isEmpty() && sources.complete("pools")) {
      String key = StepKinds.of(step).keys().stream().filter(k -> k.type() == KeyType.POOL)
          .findFirst().map(Key::name).orElse("pool");
      problems.add(sources.at(step.location(), key), step.kind() + " step: pool '" + name
          + "' is not declared", Suggest.hint(name, spec.pools().stream().map(PoolSpec::name)
          .filter(Objects::nonNull).toList(), "declared pools"));
    }
    return pool;
  }

  private boolean nodeDeclared(StepSpec step, String node, Location at) {
    List<String> hosts = spec.nodes() == null ? List.of()
        : spec.nodes().hosts().stream().map(HostSpec::name).filter(Objects::nonNull).toList();
    if (!hosts.contains(node)) {
      if (!sources.complete("hosts")) {
        return false;
      }
      problems.add(at, step.kind() + " step: node '" + node
          + "' is not declared under nodes.hosts", Suggest.hint(node, hosts, "declared nodes"));
      return false;
    }
    return true;
  }

  private void resize(ResizeStep step, PartitionDecl partition) {
    String name = partition.name();
    if (step.vcpus() != null && partition.maxVcpus() > 0 && step.vcpus() > partition.maxVcpus()) {
      problems.add(sources.at(step.location(), "vcpus"), "resize step: vcpus " + step.vcpus()
          + " is above max-vcpus " + partition.maxVcpus() + " of partition " + name,
          "raise max-vcpus of " + name + " to at least " + step.vcpus());
    }
    DataSize memory = step.memory();
    if (memory == null || partition.maxMemory() == null) {
      return;
    }
    Location at = sources.at(step.location(), "memory");
    if (memory.isGreaterThan(partition.maxMemory())) {
      problems.add(at, "resize step: memory " + memory + " is above max-memory "
          + partition.maxMemory() + " of partition " + name,
          "raise max-memory of " + name + " to at least " + memory);
    } else if (partition.workload() != null
        && !partition.workload().workingSet().isLessThan(memory)) {
      problems.add(at, "resize step: memory " + memory + " must be above the working-set "
          + partition.workload().workingSet() + " of partition " + name,
          "shrink less, or lower the working-set");
    } else if (PartitionDecl.DIMM.equals(partition.memoryDevice()) && partition.memory() != null
        && memory.isGreaterThan(partition.memory())
        && (memory.bytes() - partition.memory().bytes()) % PartitionBinder.DIMM_SECTION.bytes() != 0) {
      problems.add(at, "resize step: memory " + memory + " is not the boot size "
          + partition.memory() + " of partition " + name + " plus whole "
          + PartitionBinder.DIMM_SECTION + " DIMMs", "grow a dimm partition in steps of "
          + PartitionBinder.DIMM_SECTION + ", or give it memory-device: virtio-mem");
    } else if (!dimmsAllow(step, partition, at)) {
      return;
    } else {
      capacity.resize(step, name, memory);
    }
  }

  /** For a dimm partition: the resize unplugs whole DIMMs only. Reports a problem and says false otherwise. */
  private boolean dimmsAllow(ResizeStep step, PartitionDecl partition, Location at) {
    if (!PartitionDecl.DIMM.equals(partition.memoryDevice()) || partition.memory() == null) {
      return true;
    }
    DataSize boot = partition.memory();
    DataSize now = ledger.memoryOf(partition.name()) == null ? boot : ledger.memoryOf(partition.name());
    DataSize from = now.isGreaterThan(boot) ? now.minus(boot) : DataSize.ZERO;
    DataSize to = step.memory().isGreaterThan(boot) ? step.memory().minus(boot) : DataSize.ZERO;
    String refused = dimms.resize(partition.name(), from, to);
    if (refused != null) {
      problems.add(at, "resize step: partition " + partition.name() + " cannot go from " + now + " to "
          + step.memory() + ": " + refused, "a DIMM leaves whole; shrink to a size the DIMMs plugged"
          + " before add up to, or give it memory-device: virtio-mem");
      return false;
    }
    return true;
  }

  private void move(MoveStep step, PartitionDecl partition) {
    String pool = ledger.poolOf(partition.name()).orElse(null);
    if (pool == null || spec.pool(pool).map(PoolLedger::isDiscovered).orElse(true)) {
      return;
    }
    for (int i = 0; i < step.toCells().size(); i++) {
      String cell = step.toCells().get(i);
      if (!ledger.members(pool).contains(cell)) {
        problems.add(sources.at(step.location(), "to-cells", i), "move step: cell '" + cell
            + "' is not a member node of pool " + pool + " at this point", notMemberHint(cell, pool));
      }
    }
  }

  private String notMemberHint(String node, String pool) {
    if (ledger.spares(pool).contains(node)) {
      return node + " is a spare of " + pool + "; add it with add-node before this step";
    }
    for (PoolSpec other : spec.pools()) {
      if (other.name() != null && ledger.members(other.name()).contains(node)) {
        return node + " is in pool " + other.name() + "; members of " + pool + " then: "
            + String.join(", ", ledger.members(pool));
      }
    }
    return Suggest.closest(node, ledger.members(pool)).map(s -> "did you mean '" + s + "'?")
        .orElse("members of " + pool + " then: " + String.join(", ", ledger.members(pool)));
  }

  private void migrate(MigrateStep step, PartitionDecl partition) {
    String from = ledger.poolOf(partition.name()).orElse(null);
    if (step.toPool().equals(from)) {
      problems.add(sources.at(step.location(), "to-pool"), "migrate step: partition "
          + partition.name() + " is already in pool " + from + " at this point",
          "migrate moves between pools; inside " + from + " use move: {partition: "
              + partition.name() + ", to-cells: [...]}");
      return;
    }
    if (capacity.migrate(step, partition.name())) {
      ledger.migrate(partition.name(), step.toPool());
    }
  }

  private void addNode(AddNodeStep step) {
    if (pool(step, step.pool()).isEmpty() || step.node() == null
        || !nodeDeclared(step, step.node(), sources.at(step.location(), "node"))) {
      return;
    }
    String pool = step.pool();
    String node = step.node();
    if (ledger.members(pool).contains(node)) {
      problems.add(sources.at(step.location(), "node"), "add-node step: node " + node
          + " is already a member of pool " + pool + " at this point", null);
    } else if (!ledger.spares(pool).contains(node)) {
      problems.add(sources.at(step.location(), "node"), "add-node step: node " + node
          + " is not a spare of pool " + pool, "only spares can join; add " + node
          + " to spare of pool " + pool + (ledger.spares(pool).isEmpty() ? ""
              : " (spares now: " + String.join(", ", ledger.spares(pool)) + ")"));
    } else {
      ledger.addNode(pool, node);
    }
  }

  private void removeNode(RemoveNodeStep step) {
    if (pool(step, step.pool()).isEmpty() || step.node() == null
        || !nodeDeclared(step, step.node(), sources.at(step.location(), "node"))) {
      return;
    }
    String pool = step.pool();
    String node = step.node();
    Location at = sources.at(step.location(), "node");
    if (!ledger.members(pool).contains(node)) {
      problems.add(at, "remove-node step: node " + node + " is not a member of pool " + pool
          + " at this point", "members of " + pool + " then: "
          + String.join(", ", ledger.members(pool)));
    } else if (ledger.members(pool).size() == 1) {
      problems.add(at, "remove-node step: node " + node + " is the last node of pool " + pool,
          "a pool needs at least one node; add another with add-node first");
    } else {
      ledger.removeNode(pool, node);
      if (step.evacuate()) {
        capacity.afterRemoval(step);
      }
    }
  }

  private void parallel(ParallelStep group) {
    GroupRaces.Busy busy = races.group();
    groupDepth++;
    for (StepSpec step : group.steps()) {
      check(step);
      busy.add(step);
    }
    groupDepth--;
    if (groupDepth == 0) {
      races.nodeRaces(group); // over the whole outermost group, nested ones included: reported once
    }
  }
}
