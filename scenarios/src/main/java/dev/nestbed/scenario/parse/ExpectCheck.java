package dev.nestbed.scenario.parse;

import static dev.nestbed.scenario.kind.ExpectKinds.ON_CELLS;
import static dev.nestbed.scenario.kind.ExpectKinds.VCPUS_ONLINE;

import dev.nestbed.scenario.kind.ExpectedMetric;
import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.spec.ExpectSpec;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PartitionExpect;
import dev.nestbed.scenario.spec.PoolExpect;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import dev.nestbed.scenario.spec.StepExpect;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks that each expectation can be measured: its partition or pool exists, a step of the
 * kind it names acts on that partition, and the metric is one that kind of step produces.
 */
final class ExpectCheck {
  private final ScenarioSpec spec;
  private final Problems problems;
  private final Sources sources;

  ExpectCheck(ScenarioSpec spec, Problems problems, Sources sources) {
    this.spec = spec;
    this.problems = problems;
    this.sources = sources;
  }

  void run() {
    for (ExpectSpec expect : spec.expectations()) {
      if (expect instanceof PartitionExpect partition) {
        check(partition);
      } else if (expect instanceof StepExpect step) {
        check(step);
      } else if (expect instanceof PoolExpect pool) {
        check(pool);
      }
    }
  }

  private void check(PartitionExpect expect) {
    declared(expect, expect.partition()).ifPresent(partition -> {
      Integer online = expect.vcpusOnline();
      if (online != null && partition.maxVcpus() > 0 && online > partition.maxVcpus()) {
        problems.add(sources.at(expect.location(), VCPUS_ONLINE.name()), "expectation on "
            + partition.name() + ": vcpus-online " + online + " is above max-vcpus "
            + partition.maxVcpus(), "it can never be met; expect at most " + partition.maxVcpus());
      }
      String backend = spec.pool(partition.pool()).map(p -> p.backend()).orElse(null);
      if (expect.onCells() != null && backend != null && !backend.equals("nested")) {
        problems.add(sources.at(expect.location(), ON_CELLS.name()), "expectation on " + partition.name()
            + ": on-cells is measured inside nested pools only; pool " + partition.pool() + " is a "
            + backend + " pool", "put " + partition.name() + " in a nested pool, or drop on-cells");
      }
    });
  }

  private void check(StepExpect expect) {
    String context = "expectation on " + expect.step()
        + (expect.partition() == null ? "" : " of " + expect.partition());
    // Which kinds measure which metric is what their units say they record (total-time: all).
    Optional<StepKind<?>> kind = expect.step() == null ? Optional.empty()
        : StepKinds.named(expect.step());
    for (String metric : expect.metrics().keySet()) {
      Optional<ExpectedMetric> known = ExpectedMetric.of(metric);
      if (known.isPresent() && kind.isPresent() && !kind.get().answers(known.get())) {
        problems.add(sources.at(expect.location(), metric), context + ": " + metric
            + " is not measured on " + expect.step() + " steps", metric + " is measured on "
            + String.join(", ", StepKinds.answering(known.get())) + " steps");
      }
    }
    if (expect.partition() != null && declared(expect, expect.partition()).isEmpty()) {
      return;
    }
    if (expect.step() == null || !Keys.STEP_KEYWORDS.contains(expect.step())
        || !sources.complete("steps")) {
      return;
    }
    List<StepSpec> matching = allSteps(spec.steps()).filter(s -> s.kind().equals(expect.step()))
        .filter(s -> expect.partition() == null || s.subjects().contains(expect.partition()))
        .toList();
    if (matching.isEmpty()) {
      problems.add(sources.at(expect.location(), "step"), context + ": no " + expect.step()
          + " step " + (expect.partition() == null ? "in the scenario" : "acts on "
              + expect.partition()), "nothing would be measured; check the step and partition");
    }
  }

  private void check(PoolExpect expect) {
    if (expect.pool() != null && spec.pool(expect.pool()).isEmpty()
        && sources.complete("pools")) {
      problems.add(sources.at(expect.location(), "pool"), "expectation: pool '" + expect.pool()
          + "' is not declared", Suggest.hint(expect.pool(), spec.pools().stream()
          .map(PoolSpec::name).filter(Objects::nonNull).toList(), "declared pools"));
    }
  }

  private Optional<PartitionDecl> declared(ExpectSpec expect, String name) {
    if (name == null) {
      return Optional.empty();
    }
    Optional<PartitionDecl> partition = spec.partition(name);
    if (partition.isEmpty() && sources.complete("partitions")) {
      problems.add(sources.at(expect.location(), "partition"), "expectation: partition '" + name
          + "' is not declared", Suggest.hint(name, spec.partitions().stream()
          .map(PartitionDecl::name).filter(Objects::nonNull).toList(), "declared partitions"));
    }
    return partition;
  }

  private static Stream<StepSpec> allSteps(List<StepSpec> steps) {
    List<StepSpec> all = new ArrayList<>();
    for (StepSpec step : steps) {
      all.add(step);
      if (step instanceof ParallelStep parallel) {
        allSteps(parallel.steps()).forEach(all::add);
      }
    }
    return all.stream();
  }
}
