package dev.nestbed.scenario.plan;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.placement.CellLedger;
import dev.nestbed.scenario.kind.MemoryFlow;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.parse.Problem;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.ResizeStep;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Admission for memory that flows during a run: the steps walked in order (a parallel group's in
 * file order) against each pool's cells after every partition was placed, so a resize that grows a
 * partition takes the growth from the cells it sits on then, and one those cells cannot give is a
 * problem with the numbers. A shrink, a stop or a move gives memory back. Where the plan cannot
 * know a partition's cells (after a migration, an evacuation or a rebalance, whose destination is
 * chosen at run time) it stops following that partition, and the run checks the resize instead.
 * Each step kind says what it does to memory ({@link dev.nestbed.scenario.kind.StepKind#flowOf});
 * this class knows the ledgers, not the kinds.
 */
final class GrowthAdmission implements MemoryFlow {
  /** A partition being followed: where it sits and how large it is at this point of the steps. */
  private record Followed(String pool, List<String> cells, int vcpus, DataSize memory) {}

  private final Map<String, CellLedger> ledgers;
  private final Map<String, Followed> followed = new LinkedHashMap<>();
  private final List<Problem> problems = new ArrayList<>();

  private GrowthAdmission(Map<String, CellLedger> ledgers) {
    this.ledgers = ledgers;
  }

  /**
   * The problems of the steps of {@code spec}, its partitions placed as {@code placements} on
   * {@code ledgers}.
   */
  static List<Problem> check(
      ScenarioSpec spec, Map<String, Placement> placements, Map<String, CellLedger> ledgers) {
    GrowthAdmission admission = new GrowthAdmission(ledgers);
    for (PartitionDecl p : spec.partitions()) {
      Placement placement = placements.get(p.name());
      if (placement != null && !placement.awaitsDiscovery()) {
        admission.followed.put(
            p.name(), new Followed(p.validPool(), placement.cells(), p.vcpus(), p.validMemory()));
      }
    }
    spec.steps().forEach(step -> StepKinds.of(step).flowOf(step, admission));
    return admission.problems;
  }

  @Override
  public void move(@Nullable String partition, List<String> toCells) {
    Followed p = followed.get(partition);
    if (p != null) {
      CellLedger ledger = ledgerOf(p.pool());
      ledger.give(p.cells(), p.vcpus(), p.memory());
      if (ledger.knows(toCells) && ledger.take(toCells, p.vcpus(), p.memory()).isEmpty()) {
        followed.put(partition, new Followed(p.pool(), toCells, p.vcpus(), p.memory()));
      } else {
        followed.remove(partition); // its move is checked when it runs
      }
    }
  }

  @Override
  public void leave(@Nullable String pool, @Nullable String node) {
    followed.entrySet().stream()
        .filter(e -> e.getValue().pool().equals(pool) && e.getValue().cells().contains(node))
        .map(Map.Entry::getKey)
        .toList()
        .forEach(followed::remove);
  }

  @Override
  public void forgetAll() {
    followed.clear();
  }

  private CellLedger ledgerOf(String pool) {
    CellLedger ledger = ledgers.get(pool);
    if (ledger == null) {
      throw new IllegalArgumentException("no ledger for pool " + pool);
    }
    return ledger;
  }

  /** Stops following the partition, giving back what it held on its cells. */
  @Override
  public void release(@Nullable String partition) {
    Followed p = followed.remove(partition);
    if (p != null) {
      ledgerOf(p.pool()).give(p.cells(), p.vcpus(), p.memory());
    }
  }

  @Override
  public void resize(ResizeStep step, DataSize target) {
    Followed p = followed.get(step.partition());
    if (p == null) {
      return;
    }
    CellLedger ledger = ledgerOf(p.pool());
    if (target.compareTo(p.memory()) <= 0) {
      ledger.give(p.cells(), 0, p.memory().minus(target));
    } else {
      DataSize growth = target.minus(p.memory());
      if (ledger.take(p.cells(), 0, growth).isPresent()) {
        problems.add(
            new Problem(
                step.location(),
                String.format(
                    "resize step: %s from %s to %s needs %s more on %s %s:" + " %s",
                    step.partition(),
                    p.memory(),
                    target,
                    growth,
                    p.cells().size() == 1 ? "cell" : "cells",
                    String.join("+", p.cells()),
                    ledger.shortfalls(p.cells(), 0, growth)),
                "grow it less, stop or move other partitions off "
                    + String.join(", ", p.cells())
                    + " first, or place "
                    + step.partition()
                    + " on a cell with room"));
        return; // it keeps its size: later steps are checked against that
      }
    }
    followed.put(step.partition(), new Followed(p.pool(), p.cells(), p.vcpus(), target));
  }
}
