package dev.nestbed.scenario.kind;

import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.kind.Effect.Relocation;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.MigrateStep;
import java.util.List;

/** {@code migrate: {partition: p1, to-pool: other}}: live migration to another pool. */
final class MigrateKind extends StepKind<MigrateStep> {
  static final Key PARTITION =
      Key.required("partition", KeyType.PARTITION, "partition: p1", "The partition.");
  static final Key TO_POOL =
      Key.required(
          "to-pool", KeyType.POOL, "to-pool: other", "The pool to move to; not its current one.");
  static final Key MODE =
      Key.choice(
          "mode",
          List.of("precopy", "postcopy", "auto-converge"),
          MigrateStep.DEFAULT_MODE,
          "precopy (default), postcopy, auto-converge.");
  static final Key MAX_DOWNTIME =
      Key.optional("max-downtime", KeyType.DURATION, "Longest pause for the final copy.");
  static final Key BANDWIDTH =
      Key.optional("bandwidth", KeyType.RATE, "Most the migration stream may use.");
  static final Key CONNECTIONS =
      Key.optional("connections", KeyType.COUNT, "Parallel migration connections.");
  static final Key AFTER_ITERATIONS =
      Key.optional(
          "postcopy-after-iterations",
          KeyType.COUNT,
          "postcopy only: switch after this many precopy passes.");
  static final Key AFTER =
      Key.optional(
          "postcopy-after", KeyType.DURATION, "postcopy only: switch after this long in precopy.");
  static final Key ALLOW_UNSAFE =
      Key.optional(
          "allow-unsafe-migration",
          KeyType.FLAG,
          "Run it even under TCG with memory plugged past the boot size, which QEMU may corrupt;"
              + " memory-intact then records what happened.");

  MigrateKind() {
    super("migrate", MigrateStep.class);
  }

  @Override
  public String description() {
    return "Live-migrate a partition to another pool.";
  }

  @Override
  public String form() {
    return "Migrate to another pool.";
  }

  @Override
  public String documentation() {
    return "live-migrates the partition to another pool of its backend: a `host` pool over a local"
        + " node, or a `nested` pool, onto its cell with the most free memory that fits the"
        + " partition, rebound to that cell's CPUs and NUMA node when they differ from its own (see"
        + " [Live migration](#live-migration)); afterwards it belongs to that pool. Between a `host`"
        + " pool and a `nested` one it is refused by `validate`: not built (an L2 guest lives inside"
        + " its L1, with the L1's paths and network). Under TCG, a partition with memory plugged"
        + " past its boot size is refused before it starts (QEMU's dirty tracking of a guest with"
        + " more than one RAM region aborts or corrupts it; see [Memory through the pool]"
        + "(#memory-through-the-pool)) unless `allow-unsafe-migration: true`";
  }

  @Override
  public List<Key> keys() {
    return List.of(
        PARTITION,
        TO_POOL,
        MODE,
        MAX_DOWNTIME,
        BANDWIDTH,
        CONNECTIONS,
        AFTER_ITERATIONS,
        AFTER,
        ALLOW_UNSAFE,
        Key.TIMEOUT);
  }

  @Override
  public String example() {
    return "migrate: {partition: p1, to-pool: other}";
  }

  /** The many optional knobs of a migration, and the rules between them. */
  @Override
  public MigrateStep bind(Arguments arguments) {
    String partition = arguments.name(PARTITION);
    String toPool = arguments.name(TO_POOL);
    String mode = arguments.choice(MODE);
    DataRate bandwidth = arguments.rate(BANDWIDTH);
    if (bandwidth != null && bandwidth.isZero()) {
      arguments.problemAt(
          BANDWIDTH,
          "migrate step: bandwidth must be more than 0B/s",
          "leave it out to let libvirt use what it can");
    }
    for (Key key : List.of(AFTER, AFTER_ITERATIONS)) {
      if (arguments.has(key) && mode != null && !mode.equals("postcopy")) {
        arguments.problemAtName(
            key,
            "migrate step: " + key.name() + " applies only to mode postcopy, not " + mode,
            "set mode: postcopy, or remove it");
      }
    }
    if (arguments.has(AFTER) && arguments.has(AFTER_ITERATIONS)) {
      arguments.problemAtName(
          AFTER,
          "migrate step: give postcopy-after or postcopy-after-iterations, not both",
          "switch to postcopy after a time or after a number of passes; keep one");
    }
    TimeSpan maxDowntime = arguments.duration(MAX_DOWNTIME);
    if (maxDowntime != null && maxDowntime.isZero()) {
      arguments.problemAt(
          MAX_DOWNTIME,
          "migrate step: max-downtime must be more than 0ms: no"
              + " migration can stop a guest for no time at all",
          "leave it out for QEMU's 300ms, or give e.g. 50ms");
    }
    return new MigrateStep(
        partition,
        toPool,
        mode,
        maxDowntime,
        bandwidth,
        arguments.count(CONNECTIONS),
        arguments.count(AFTER_ITERATIONS),
        arguments.duration(AFTER),
        Boolean.TRUE.equals(arguments.flag(ALLOW_UNSAFE)),
        arguments.timeout(),
        arguments.anchor());
  }

  /** {@inheritDoc} Its subjects are listed partition, pool. */
  @Override
  public String subjectsNamed(List<String> subjects) {
    return subjects.size() == 2
        ? subjects.get(0) + " to " + subjects.get(1)
        : super.subjectsNamed(subjects);
  }

  @Override
  public List<Measure> measures() {
    return List.of(
        Measures.TOTAL,
        Measures.LIBVIRT_DOWNTIME,
        Measures.GUEST_DOWNTIME_GAP,
        Measures.LOST_HEARTBEATS,
        Measures.BYTES_SENT,
        Measures.ITERATIONS,
        Measures.MEMORY_INTACT,
        Measures.DIRTY_RATE,
        Measures.BANDWIDTH,
        Measures.MODEL_ROUNDS,
        Measures.MODEL_TOTAL_TIME,
        Measures.MODEL_DOWNTIME,
        Measures.MODEL_BYTES_SENT,
        Measures.MODEL_CONVERGES,
        Measures.INTERCONNECT_RECEIVED);
  }

  @Override
  List<Effect.Names> references(MigrateStep step) {
    return List.of(
        new Effect.Names(TO_POOL, one(step.toPool())),
        new Effect.Names(PARTITION, one(step.partition())));
  }

  @Override
  String summary(MigrateStep step) {
    return "migrate "
        + step.partition()
        + " to pool "
        + step.toPool()
        + " ("
        + (step.mode() == null ? MigrateStep.DEFAULT_MODE : step.mode())
        + ")";
  }

  /** Into another pool than its own at this point, and one that can hold it. */
  @Override
  void check(MigrateStep step, StepWalk walk) {
    Location toPool = walk.at(step, TO_POOL);
    String to = step.toPool();
    boolean poolDeclared = walk.pool(step, to, toPool).isPresent();
    String name = step.partition();
    boolean declared = walk.partition(step, name, walk.at(step, PARTITION)).isPresent();
    if (!declared || !poolDeclared || name == null || to == null) {
      return;
    }
    String from = walk.pools().poolOf(name).orElse(null);
    if (to.equals(from)) {
      walk.problem(
          toPool,
          "migrate step: partition " + name + " is already in pool " + from + " at this point",
          "migrate moves between pools; inside "
              + from
              + " use move: {partition: "
              + name
              + ", to-cells: [...]}");
    } else {
      walk.pools().relocate(step, toPool, name, to);
    }
  }

  /**
   * Into a pool a node joins or leaves in the same group: the destination cell is chosen from what
   * the pool's cells have free when the migration starts.
   */
  @Override
  void races(MigrateStep step, StepGroup group, StepWalk walk) {
    group
        .changingIn(step.toPool())
        .ifPresent(
            other ->
                walk.problem(
                    walk.at(step, TO_POOL),
                    "parallel step: migration of "
                        + step.partition()
                        + " into pool "
                        + step.toPool()
                        + " races "
                        + other.kind()
                        + " in that pool (line "
                        + other.location().line()
                        + ")",
                    "run the " + other.kind() + " step before or after the group"));
  }

  @Override
  Effect effect(MigrateStep step) {
    return Effect.mustRun(PARTITION, one(step.partition()))
        .withRelocation(new Relocation(step.partition(), step.toPool()));
  }

  /** Its destination is chosen at run time. */
  @Override
  void flow(MigrateStep step, MemoryFlow flow) {
    flow.release(step.partition());
  }
}
