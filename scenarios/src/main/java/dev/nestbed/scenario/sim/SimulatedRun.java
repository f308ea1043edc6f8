package dev.nestbed.scenario.sim;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.model.OperationCalibration;
import dev.nestbed.core.model.OperationModel;
import dev.nestbed.core.run.RunId;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.plan.ScenarioPlan;
import dev.nestbed.scenario.record.CellFree;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.Simulation;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.record.TimeSeries;
import dev.nestbed.scenario.run.RunOrigin;
import dev.nestbed.scenario.run.TopologyRecords;
import dev.nestbed.scenario.sim.SimState.Part;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.ScenarioSpec;
import dev.nestbed.scenario.spec.StepSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs a scenario of {@code provider: sim} in simulated time: nothing starts, and every step
 * records the figures a real run records, computed by the models from a measured calibration. The
 * record it returns has the form of a real run's, so results.json, junit.xml and report.html are
 * written the same way, and says it was simulated and on which calibration.
 */
public final class SimulatedRun {
  private final ScenarioSpec spec;
  private final ScenarioPlan plan;
  private final OperationModel model;
  private final String scenarioFile;
  private final RunOrigin origin;
  private final Duration defaultTimeout;
  private final RunId runId = RunId.random();

  /** The series the steps drew, for the report's plots. */
  private final List<TimeSeries> series = new ArrayList<>();

  public SimulatedRun(
      ScenarioSpec spec,
      ScenarioPlan plan,
      OperationCalibration calibration,
      String scenarioFile,
      RunOrigin origin,
      Duration defaultTimeout) {
    this.spec = spec;
    this.plan = plan;
    this.model = new OperationModel(calibration);
    this.scenarioFile = scenarioFile;
    this.origin = origin;
    this.defaultTimeout = defaultTimeout;
  }

  public RunId runId() {
    return runId;
  }

  /** Simulates every step, then checks the expectations on the state it ends in. */
  public RunRecord run(long planMs) {
    String startedAt = Instant.now().toString();
    long began = System.nanoTime();
    SimState state = new SimState(spec, plan, model);
    List<StepRecord> steps = new ArrayList<>();
    List<CellFree> cellsFree = new ArrayList<>();
    state.pools().forEach(p -> cellsFree.addAll(state.cellsFree("", p.plan.name())));
    long now = 0;
    Outcome outcome = Outcome.PASSED;
    for (int i = 0; i < spec.steps().size(); i++) {
      StepSpec step = spec.steps().get(i);
      String path = String.valueOf(i);
      if (!outcome.passed()) {
        steps.add(skipped(path, step, now));
        continue;
      }
      Set<String> touched = poolsOf(step, state);
      StepRecord record = step(path, step, state, now, SimulatedMigrations.linkShares(step, state));
      steps.add(record);
      now = record.endMs();
      touched.addAll(poolsOf(step, state));
      for (String pool : touched) {
        cellsFree.addAll(state.cellsFree(path, pool));
      }
      outcome =
          outcome.worst(
              record.outcome() == Outcome.ERROR
                  ? Outcome.ERROR
                  : record.outcome().passed() ? Outcome.PASSED : Outcome.FAILED);
    }
    List<ExpectationRecord> expectations =
        new SimulatedExpectations(state, steps).check(spec.expectations());
    String message =
        outcome == Outcome.ERROR
            ? "nestbed itself failed in a step (a defect: see the step's message)"
            : outcome.passed() ? "" : "a step failed";
    if (outcome.passed() && expectations.stream().anyMatch(e -> e.outcome() == Outcome.FAILED)) {
      outcome = Outcome.FAILED;
      message = "an expectation failed";
    }
    Map<String, Long> phases = new LinkedHashMap<>();
    phases.put("plan", planMs);
    phases.put("simulate", (System.nanoTime() - began) / 1_000_000);
    return new RunRecord(
        spec.validName(),
        scenarioFile,
        runId.value(),
        startedAt,
        "none: simulated",
        now,
        outcome,
        message,
        phases,
        TopologyRecords.of(spec, plan, Map.of(), Map.of(), Map.of(), moved(state)),
        steps,
        expectations,
        List.copyOf(series),
        cellsFree,
        List.of(),
        origin.simulated(plan.nodes()),
        simulation(model.calibration()));
  }

  /**
   * One step: a parallel group's children all begin now and it ends with the last of them; any
   * other step's span comes from its model, cut at its timeout.
   */
  private StepRecord step(
      String path,
      StepSpec step,
      SimState state,
      long now,
      IdentityHashMap<StepSpec, SimulatedMigrations.LinkShare> shares) {
    if (step instanceof ParallelStep group) {
      List<StepRecord> children = new ArrayList<>();
      long end = now;
      Outcome outcome = Outcome.PASSED;
      for (int i = 0; i < group.steps().size(); i++) {
        StepRecord child = step(path + "." + i, group.steps().get(i), state, now, shares);
        children.add(child);
        end = Math.max(end, child.endMs());
        outcome = outcome.worst(child.outcome());
      }
      String message = outcome.passed() ? "" : "a step of the group failed";
      return record(
          path, step, now, new Simulated(end - now, Map.of(), outcome, message), children);
    }
    Simulated done;
    try {
      done = SimActions.simulate(step, state, at(now, shares.get(step), state));
    } catch (RuntimeException e) {
      // One of nestbed's own defects, not a result of the model: the run still ends with its
      // reports, marked as nestbed's error.
      done =
          new Simulated(
              0, Map.of(), Outcome.ERROR, "nestbed itself failed: " + NestbedException.describe(e));
    }
    series.addAll(done.series());
    long timeout = step.timeout().map(t -> t.toMillis()).orElse(defaultTimeout.toMillis());
    if (done.outcome().passed() && done.durationMs() > timeout) {
      done =
          new Simulated(
              timeout,
              Map.of(),
              Outcome.TIMED_OUT,
              "timed out after "
                  + Duration.ofMillis(timeout).toSeconds()
                  + " s: the model needs "
                  + done.durationMs()
                  + " ms");
    }
    return record(path, step, now, done, List.of());
  }

  /** When a step begins, and what its migration got of the links, if it shared them. */
  private static SimActions.At at(
      long now, SimulatedMigrations.@Nullable LinkShare share, SimState state) {
    if (share == null) {
      return new SimActions.At(now, state.linkBytesPerSecond());
    }
    OptionalLong span =
        Double.isInfinite(share.seconds())
            ? OptionalLong.empty()
            : OptionalLong.of(Math.round(share.seconds() * 1000));
    return new SimActions.At(now, share.bandwidth(), span, share.stepped());
  }

  private static StepRecord record(
      String path, StepSpec step, long now, Simulated done, List<StepRecord> children) {
    return new StepRecord(
        path,
        step.kind(),
        step.subjects(),
        StepKinds.of(step).summarize(step),
        now,
        now + done.durationMs(),
        done.outcome(),
        done.message(),
        done.metrics(),
        children);
  }

  /**
   * The pools whose account a step may change: those it names and those its partitions are in. The
   * cell account is recorded after each step for these only, so that a run of a thousand pools does
   * not write a thousand accounts per step.
   */
  private static Set<String> poolsOf(StepSpec step, SimState state) {
    Set<String> pools = new LinkedHashSet<>();
    StepKinds.all(List.of(step))
        .flatMap(s -> StepKinds.of(s).referencesOf(s).stream())
        .forEach(
            names -> {
              for (String name : names.names()) {
                switch (names.key().type()) {
                  case POOL -> pools.add(name);
                  case PARTITION, PARTITIONS -> pools.add(state.partition(name).pool);
                  default -> {}
                }
              }
            });
    return pools;
  }

  private static StepRecord skipped(String path, StepSpec step, long now) {
    return record(
        path,
        step,
        now,
        new Simulated(0, Map.of(), Outcome.SKIPPED, "an earlier step failed"),
        List.of());
  }

  /** Where each partition a step took elsewhere ended. */
  private Map<String, Placement> moved(SimState state) {
    Map<String, Placement> moved = new LinkedHashMap<>();
    for (Part part : state.partitions()) {
      Placement placed = plan.placement(part.name());
      if (!placed.pool().equals(part.pool) || !placed.cells().equals(part.cells)) {
        moved.put(part.name(), new Placement(part.name(), part.pool, part.cells));
      }
    }
    return moved;
  }

  private static Simulation simulation(OperationCalibration calibration) {
    return new Simulation(
        "pre-copy, post-copy and auto-converge migration, boot, hotplug, node join and leave, and"
            + " moves between cells: core's dev.nestbed.core.model, in simulated time",
        calibration.provenance().where(),
        calibration.provenance().when(),
        calibration.provenance().how(),
        calibration.provenance().source());
  }
}
