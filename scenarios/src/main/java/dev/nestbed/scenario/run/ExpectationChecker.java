package dev.nestbed.scenario.run;

import static dev.nestbed.scenario.kind.ExpectKinds.ALIVE;
import static dev.nestbed.scenario.kind.ExpectKinds.HEARTBEAT_GAP;
import static dev.nestbed.scenario.kind.ExpectKinds.MEMORY_INTACT;
import static dev.nestbed.scenario.kind.ExpectKinds.ON_CELLS;
import static dev.nestbed.scenario.kind.ExpectKinds.VCPUS_ONLINE;

import dev.nestbed.aggregator.pool.CellGroup;
import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.aggregator.pool.ProcessPlacement;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.agent.HeartbeatLog;
import dev.nestbed.partitioner.agent.MemoryChecksum;
import dev.nestbed.scenario.kind.ExpectKind;
import dev.nestbed.scenario.kind.ExpectKinds;
import dev.nestbed.scenario.kind.StepBounds;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.spec.ExpectSpec;
import dev.nestbed.scenario.spec.PartitionExpect;
import dev.nestbed.scenario.spec.PoolExpect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Checks the scenario's expectations against what the run measured, while partitions still run
 * (alive, memory-intact and vcpus-online ask the agent now; on-cells looks inside the pool). One
 * record per clause, each with the value measured; a value that was never measured fails, it does
 * not pass.
 */
final class ExpectationChecker {
  private static final Duration ALIVE_WITHIN = Duration.ofSeconds(3);
  private final RunState state;
  private final StepBounds steps;

  ExpectationChecker(RunState state, List<StepRecord> steps) {
    this.state = state;
    this.steps = new StepBounds(steps);
  }

  /** Checks one expectation of kind {@code E}: one record per clause. */
  @FunctionalInterface
  private interface Check<E extends ExpectSpec> {
    List<ExpectationRecord> check(ExpectationChecker checker, E expect);
  }

  /** A check with its kind, so the expectation is cast to the type the check takes. */
  private record Entry<E extends ExpectSpec>(ExpectKind<E> kind, Check<E> check) {
    List<ExpectationRecord> check(ExpectationChecker checker, ExpectSpec expect) {
      return check.check(checker, kind.type().cast(expect));
    }
  }

  /**
   * The check of each kind of expectation, in one table, as {@link StepActions} holds the steps'
   * actions: they read this package's {@link RunState}, so they live here and not in the kinds, and
   * a test holds this table to the registry.
   */
  private static final Map<ExpectKind<?>, Entry<?>> CHECKS = new LinkedHashMap<>();

  static {
    put(ExpectKinds.PARTITION, ExpectationChecker::checkPartition);
    put(ExpectKinds.STEP, (checker, s) -> checker.steps.check(s));
    put(
        ExpectKinds.POOL,
        (checker, p) -> p.cells() == null ? List.of() : List.of(checker.checkPoolCells(p)));
  }

  private static <E extends ExpectSpec> void put(ExpectKind<E> kind, Check<E> check) {
    CHECKS.put(kind, new Entry<>(kind, check));
  }

  /** The kinds of expectation that have a check. */
  static Set<ExpectKind<?>> kinds() {
    return CHECKS.keySet();
  }

  List<ExpectationRecord> check(List<ExpectSpec> expectations) {
    List<ExpectationRecord> records = new ArrayList<>();
    for (ExpectSpec expect : expectations) {
      Entry<?> entry = CHECKS.get(ExpectKinds.of(expect));
      if (entry == null) {
        throw new NestbedException("no check for expectations of kind " + ExpectKinds.of(expect));
      }
      records.addAll(entry.check(this, expect));
    }
    return records;
  }

  private List<ExpectationRecord> checkPartition(PartitionExpect p) {
    List<ExpectationRecord> records = new ArrayList<>();
    Optional<Partition> running = state.partition(p.validPartition());
    String notRunning = p.partition() + " is not running";
    if (p.alive() != null) {
      boolean alive = running.isPresent() && beatsWithin(running.get());
      records.add(
          record(
              p.partition() + " " + ALIVE.name(),
              String.valueOf(p.alive()),
              String.valueOf(alive),
              alive == p.alive(),
              alive ? "" : "no heartbeat within " + ALIVE_WITHIN.toSeconds() + " s"));
    }
    if (p.memoryIntact() != null) {
      if (running.isEmpty()) {
        records.add(
            record(
                p.partition() + " " + MEMORY_INTACT.name(),
                "true",
                "not measured",
                false,
                notRunning));
      } else {
        records.add(
            asking(
                p.partition() + " " + MEMORY_INTACT.name(),
                String.valueOf(p.memoryIntact()),
                () -> {
                  MemoryChecksum ck = running.get().checksum();
                  return record(
                      p.partition() + " " + MEMORY_INTACT.name(),
                      String.valueOf(p.memoryIntact()),
                      ck.badWords() + " bad words in " + ck.bytes() + " bytes",
                      Boolean.valueOf(ck.intact()).equals(p.memoryIntact()),
                      "checksum " + ck.value());
                }));
      }
    }
    if (p.vcpusOnline() != null) {
      if (running.isEmpty()) {
        records.add(
            record(
                p.partition() + " " + VCPUS_ONLINE.name(),
                String.valueOf(p.vcpusOnline()),
                "not measured",
                false,
                notRunning));
      } else {
        records.add(
            asking(
                p.partition() + " " + VCPUS_ONLINE.name(),
                String.valueOf(p.vcpusOnline()),
                () -> {
                  int online = running.get().status().cpusOnline();
                  return record(
                      p.partition() + " " + VCPUS_ONLINE.name(),
                      String.valueOf(p.vcpusOnline()),
                      String.valueOf(online),
                      Integer.valueOf(online).equals(p.vcpusOnline()),
                      "");
                }));
      }
    }
    if (p.onCells() != null) {
      records.add(
          running
              .map(r -> checkOnCells(p, r))
              .orElseGet(
                  () ->
                      record(
                          p.partition() + " " + ON_CELLS.name(),
                          "true",
                          "not measured",
                          false,
                          notRunning)));
    }
    if (p.maxHeartbeatGap() != null) {
      HeartbeatLog log = state.heartbeatLogs().get(p.partition());
      if (log == null || log.count() < 2) {
        records.add(
            record(
                p.partition() + " " + HEARTBEAT_GAP.name(),
                p.maxHeartbeatGap().toString(),
                "not measured",
                false,
                "fewer than two heartbeats were received"));
      } else {
        TimeSpan gap = TimeSpan.ofMillis(log.maxArrivalGap().toMillis());
        records.add(
            record(
                p.partition() + " " + HEARTBEAT_GAP.name(),
                p.maxHeartbeatGap().toString(),
                gap.toString(),
                p.maxHeartbeatGap().contains(gap),
                log.count() + " heartbeats, " + log.missing() + " missing"));
      }
    }
    return records;
  }

  /**
   * Reads where the partition's QEMU is inside its pool: its vCPU threads' allowed CPUs and its
   * memory per NUMA node, against the CPUs and nodes of the cells it was placed on.
   */
  private ExpectationRecord checkOnCells(PartitionExpect p, Partition partition) {
    String what = p.partition() + " " + ON_CELLS.name();
    String expected = String.valueOf(p.onCells());
    try {
      Placement placement = state.placement(p.validPartition());
      Pool pool = state.pool(placement.pool());
      Optional<CellGroup> cells = pool.group(placement.cells());
      Optional<ProcessPlacement> seen = pool.placementOf(partition.domainName());
      if (seen.isEmpty() || cells.isEmpty()) {
        return record(
            what,
            expected,
            "not measured",
            false,
            "pool " + pool.name() + " cannot be looked inside");
      }
      ProcessPlacement q = seen.get();
      boolean onCells = q.isOn(cells.get());
      Set<Integer> vcpusOn = new TreeSet<>();
      q.vcpuCpus().values().forEach(vcpusOn::addAll);
      String measured =
          String.format(
              "%.0f%% of %d MiB on node(s) %s, vCPUs on CPU(s) %s",
              q.shareOn(cells.get().nodes()) * 100, q.memory().mib(), cells.get().nodes(), vcpusOn);
      return record(
          what,
          expected,
          measured,
          Boolean.valueOf(onCells).equals(p.onCells()),
          "cells " + placement.cells() + " of pool " + pool.name() + "; inside the pool: " + q);
    } catch (RuntimeException e) {
      return record(what, expected, "not measured", false, why(e));
    }
  }

  /**
   * Asks the agent through {@code question}; an agent that cannot answer (the guest hung, its line
   * was lost) fails this clause as not measured, with the reason, and not the others.
   */
  private static ExpectationRecord asking(
      String what, String expected, Supplier<ExpectationRecord> question) {
    try {
      return question.get();
    } catch (RuntimeException e) {
      return record(what, expected, "not measured", false, why(e));
    }
  }

  /** Counts the cells the pool has now as seen from inside, not the plan's. */
  private ExpectationRecord checkPoolCells(PoolExpect p) {
    try {
      int cells = state.pool(p.validPool()).cellsNow();
      return record(
          p.describe(),
          String.valueOf(p.cells()),
          String.valueOf(cells),
          cells == p.validCells(),
          "cells with CPUs online, as the pool's own kernel and libvirt report them");
    } catch (RuntimeException e) {
      return record(p.describe(), String.valueOf(p.cells()), "not measured", false, why(e));
    }
  }

  private boolean beatsWithin(Partition partition) {
    try {
      return partition.heartbeats().awaitAfter(System.nanoTime(), ALIVE_WITHIN).isPresent();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What went wrong, in its own words; its type too when it has none. */
  private static String why(RuntimeException e) {
    return Objects.requireNonNullElse(e.getMessage(), NestbedException.describe(e));
  }

  private static ExpectationRecord record(
      String description, String expected, String measured, boolean passed, String message) {
    return StepBounds.record(description, expected, measured, passed, message);
  }
}
