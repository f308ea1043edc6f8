package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeProvider;
import dev.nestbed.aggregator.NodeProviders;
import dev.nestbed.aggregator.local.RunLeftovers;
import dev.nestbed.aggregator.pool.HostPool;
import dev.nestbed.aggregator.pool.NestedPool;
import dev.nestbed.aggregator.pool.NestedPoolSetup;
import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.aggregator.pool.PoolPlan;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.libvirt.NumaCell;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.run.Teardown;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.PartitionEnvironment;
import dev.nestbed.scenario.plan.ScenarioPlan;
import dev.nestbed.scenario.plan.ScenarioPlanner;
import dev.nestbed.scenario.record.CellFree;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepPaths;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.record.TimeSeries;
import dev.nestbed.scenario.report.HumanFormat;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import dev.nestbed.scenario.spec.StepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs a planned scenario for real: nodes up, pools built, steps in order (each with its timeout),
 * expectations checked, and teardown, always: after success, failure, timeout and interrupt, of
 * exactly what this run created. Returns the record the reports are written from; step failures are
 * recorded, not thrown.
 */
public final class ScenarioRunner {
  private final ScenarioSpec spec;

  /** Completed at run time with the cells of pools adopted by uri. */
  private ScenarioPlan plan;

  private final RunSettings settings;
  private final Progress progress;
  private final RunId runId = RunId.random();
  private final RunClock clock = new RunClock();

  /** An L1 under TCG boots in about a minute on two cores; leave room for a loaded machine. */
  private static final java.time.Duration NESTED_BOOT = java.time.Duration.ofMinutes(6);

  private final Map<String, Long> phases = new LinkedHashMap<>();
  private final Map<String, List<NumaCell>> observed =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Per pool, the platform faults got over while building it. */
  private final Map<String, List<String>> bootFaults =
      new java.util.concurrent.ConcurrentHashMap<>();

  private volatile @Nullable Thread runner;
  private volatile boolean interrupted;
  private volatile boolean tearingDown;
  private final FaultInjection faults = FaultInjection.fromSystemProperty();

  /** What the run is doing now, for the record of a defect met there. */
  private volatile String phase = "planning";

  public ScenarioRunner(
      ScenarioSpec spec, ScenarioPlan plan, RunSettings settings, Progress progress) {
    this.spec = spec;
    this.plan = plan;
    this.settings = settings;
    this.progress = progress;
  }

  public RunId runId() {
    return runId;
  }

  /**
   * Asks the run to stop (Ctrl-C): the current step is cancelled, the rest skipped, all torn down.
   * Once teardown has begun it is only noted: an interrupt there would cut the grace each daemon
   * gets to stop, and after the run it would break writing the reports.
   */
  public void interrupt() {
    interrupted = true;
    Thread t = runner;
    if (t != null && !tearingDown) {
      t.interrupt();
    }
  }

  public RunRecord run(long planMs) {
    runner = Thread.currentThread();
    phases.put("plan", planMs);
    String startedAt = Instant.now().toString();
    Path logs = settings.outDir().resolve("logs");
    Defects defects = new Defects(logs);
    List<StepRecord> steps = new ArrayList<>();
    List<ExpectationRecord> expectations = new ArrayList<>();
    List<TimeSeries> series = new ArrayList<>();
    List<CellFree> cellsFree = new ArrayList<>();
    Map<String, Node> nodes = new LinkedHashMap<>();
    Outcome outcome;
    String message = "";
    String accelerator = "";
    Teardown teardown = new Teardown();
    RunState state = null;
    try {
      phase("probing the host"); // not "accelerator": tests and scripts find the run id on the line
      // that says it
      accelerator = settings.accelerator().get().describe().replaceFirst("^accelerator: ", "");
      progress.detail("run " + runId + ", accelerator " + accelerator);
      RunWorkspace workspace = RunWorkspace.create(runId);
      undo(teardown, "remove the run directory", () -> removeWorkspace(workspace));
      List<HostPool> adopted = adoptMachines(teardown);
      state =
          new RunState(
              spec,
              plan,
              clock,
              progress,
              new PartitionEnvironment(
                  runId,
                  settings.image().get(),
                  settings.accelerator().get(),
                  workspace.partitions(),
                  logs));
      adopted.forEach(state::addPool);
      startNodes(workspace, logs, teardown, nodes);
      buildPools(state, nodes, workspace, logs, teardown);
      RunState running = state;
      undo(teardown, "destroy the partitions", () -> destroyPartitions(running));
      outcome = runSteps(state, nodes, steps, cellsFree, defects);
      if (outcome == Outcome.INTERRUPTED) {
        message = "interrupted; torn down";
      } else {
        long began = clock.nowMs();
        phase("checking expectations");
        expectations.addAll(new ExpectationChecker(state, steps).check(spec.expectations()));
        phases.put("expect", clock.nowMs() - began);
        if (outcome.passed() && expectations.stream().anyMatch(e -> !e.outcome().passed())) {
          outcome = Outcome.FAILED;
          message = "an expectation failed";
        } else if (outcome == Outcome.ERROR) {
          message =
              steps.stream()
                      .filter(step -> step.outcome() == Outcome.ERROR)
                      .findFirst()
                      .map(
                          step ->
                              "step "
                                  + StepPaths.display(step.path())
                                  + " ("
                                  + step.summary()
                                  + "): "
                                  + step.message())
                      .orElse("nestbed itself failed in a step")
                  + " (the stack trace is in logs/"
                  + Defects.LOG_NAME
                  + ")";
        } else if (!outcome.passed()) {
          message = "a step failed";
        }
        state.sealedBecause().ifPresent(why -> progress.detail("results were sealed: " + why));
      }
    } catch (InterruptedException e) {
      outcome = Outcome.INTERRUPTED;
      message = "interrupted; torn down";
    } catch (NestbedException e) {
      outcome =
          interrupted
              ? Outcome.INTERRUPTED
              : e instanceof NotSupportedException ? Outcome.NOT_SUPPORTED : Outcome.FAILED;
      message = Defects.describe(e) + e.hint().map(hint -> "; hint: " + hint).orElse("");
    } catch (RuntimeException | Error e) {
      // Not a failure nestbed reports on purpose but one of its own defects: the run still ends
      // with its reports, marked as nestbed's error, and the trace goes to the logs.
      outcome = Outcome.ERROR;
      message = defects.record(phase, e) + " (the stack trace is in logs/" + Defects.LOG_NAME + ")";
    } finally {
      if (state != null) {
        RunState s = state;
        s.heartbeatLogs()
            .forEach((name, log) -> series.add(SeriesBuilder.heartbeatGaps(name, log, clock)));
        series.addAll(s.series());
      }
      tearingDown = true;
      Thread.interrupted(); // an interrupt that came just before must not cut teardown short
      progress.phase("tearing down");
      long began = clock.nowMs();
      try {
        teardown.close();
      } catch (RuntimeException e) {
        message = (message.isEmpty() ? "" : message + "; ") + Defects.describe(e);
      }
      phases.put("teardown", clock.nowMs() - began);
      Thread.interrupted(); // a late Ctrl-C must not break writing the reports
    }
    if (steps.size() < spec.steps().size()) {
      // The run ended before (some of) its steps: each is still recorded, as not run and why.
      for (int i = steps.size(); i < spec.steps().size(); i++) {
        StepSpec step = spec.steps().get(i);
        steps.add(
            new StepRecord(
                String.valueOf(i),
                step.kind(),
                step.subjects(),
                StepSummaries.of(step),
                clock.nowMs(),
                clock.nowMs(),
                Outcome.SKIPPED,
                "not run: the run ended while " + phase,
                Map.of(),
                List.of()));
      }
    }
    List<String> left = leftovers();
    if (!left.isEmpty()) {
      // Whatever the steps did, a run that leaves things on the host has failed: they hold memory,
      // CPUs and names the next run needs.
      outcome = outcome.worst(Outcome.FAILED);
      message =
          (message.isEmpty() ? "" : message + "; ")
              + "teardown left "
              + HumanFormat.count(left.size(), "thing")
              + " behind: "
              + String.join(", ", left)
              + "; remove them with 'nestbed clean'";
    }
    if (interrupted) {
      outcome = outcome.worst(Outcome.INTERRUPTED);
      if (outcome == Outcome.INTERRUPTED) {
        message = left.isEmpty() ? "interrupted; torn down" : message;
      }
    }
    runner = null;
    return new RunRecord(
        spec.validName(),
        settings.scenarioFile(),
        runId.value(),
        startedAt,
        accelerator,
        clock.nowMs() + planMs,
        outcome,
        message,
        phases,
        TopologyRecords.of(
            spec,
            plan,
            nodes,
            observed,
            bootFaults,
            state == null ? Map.of() : state.movedPlacements()),
        steps,
        expectations,
        series,
        cellsFree,
        listLogs(settings.outDir(), logs),
        settings
            .origin()
            .provenance(
                accelerator,
                spec.nodes() == null ? "" : spec.nodes().validProvider(),
                plan.nodes(),
                nodes));
  }

  /**
   * A phase begins: shown, remembered for the records of a defect, and where an injected one fires.
   */
  private void phase(String name) {
    phase = name;
    progress.phase(name);
  }

  /**
   * Registers an undo action, unless a test asked for it to be left out (see {@link
   * FaultInjection}).
   */
  private void undo(Teardown teardown, String what, Teardown.Action action) {
    if (faults.skipsTeardown(what)) {
      progress.detail("fault injected: teardown will not " + what);
      return;
    }
    teardown.add(what, action);
  }

  /**
   * The run directory goes last, and only when nothing of the run still runs from it: its pid files
   * and sockets are how 'nestbed clean' finds daemons and guests that teardown left.
   */
  private void removeWorkspace(RunWorkspace workspace) {
    List<String> running =
        leftovers().stream()
            .filter(l -> l.startsWith("libvirtd ") || l.startsWith("guest "))
            .toList();
    if (!running.isEmpty()) {
      throw new NestbedException(
          "keep the run directory "
              + workspace.directory()
              + ": "
              + String.join(", ", running)
              + " still run from it",
          "run 'nestbed clean' to remove them and the directory");
    }
    workspace.close();
  }

  /** What this run left on the host after teardown; asking must not hide the run's own result. */
  private List<String> leftovers() {
    try {
      return RunLeftovers.of(runId);
    } catch (RuntimeException e) {
      return List.of("unknown (cannot look: " + Defects.describe(e) + ")");
    }
  }

  /**
   * Adopts the machines of the host pools given by uri and places their partitions on the cells
   * their libvirt reports, before any node starts: an unreachable machine, or partitions that do
   * not fit its cells, fail the run here with nothing started. Only connections are opened.
   */
  private List<HostPool> adoptMachines(Teardown teardown) {
    List<PoolSpec> byUri = spec.pools().stream().filter(PoolSpec::adoptsByUri).toList();
    if (byUri.isEmpty()) {
      return List.of();
    }
    phase("adopting " + HumanFormat.count(byUri.size(), "machine") + " by uri");
    long began = clock.nowMs();
    List<HostPool> adopted = new ArrayList<>();
    for (PoolSpec pool : byUri) {
      HostPool host =
          HostPool.adopt(pool.validName(), pool.adoptedUri(), pool.validReservePerNodeMemory());
      undo(teardown, "close the connection of pool " + pool.name(), host::close);
      adopted.add(host);
      observed.put(pool.name(), host.observedCells());
      progress.detail(
          "pool " + pool.name() + " at " + pool.uri() + ": " + describeCells(host.plan()));
      plan = ScenarioPlanner.withDiscoveredPool(plan, spec, host.plan(), pool.adoptedUri());
    }
    phases.put("adopt", clock.nowMs() - began);
    return adopted;
  }

  private static String describeCells(PoolPlan pool) {
    List<String> cells =
        pool.cells().stream()
            .map(c -> "cell " + c.node() + " " + c.cpus() + " CPU, " + c.memory().mib() + "MiB")
            .toList();
    return cells.size()
        + (cells.size() == 1 ? " cell (" : " cells (")
        + String.join("; ", cells)
        + ") after the "
        + pool.reservePerNode()
        + " reserve";
  }

  private void startNodes(
      RunWorkspace workspace, Path logs, Teardown teardown, Map<String, Node> nodes) {
    if (plan.nodes().isEmpty()) {
      return; // every pool adopts a machine by uri
    }
    phase(
        "starting "
            + HumanFormat.count(plan.nodes().size(), "node")
            + " (provider "
            + spec.validNodes().validProvider()
            + ")");
    faults.atPhase("nodes");
    long began = clock.nowMs();
    NodeProvider provider =
        NodeProviders.create(
                spec.validNodes().validProvider(),
                runId,
                workspace.nodes(),
                logs,
                settings.accelerator().get(),
                spec.validNodes().libvirt(),
                settings.image(),
                progress::detail)
            .orElseThrow(
                () ->
                    new NotSupportedException(
                        "node provider " + spec.validNodes().validProvider(),
                        spec.validNodes().validProvider()));
    undo(teardown, "stop the nodes", provider::close);
    for (Node node : provider.start(plan.nodes(), java.time.Duration.ofSeconds(90))) {
      nodes.put(node.name(), node);
      if (node.files().isPresent()) {
        progress.detail(node.describe());
      }
    }
    phases.put("nodes", clock.nowMs() - began);
  }

  private void buildPools(
      RunState state, Map<String, Node> nodes, RunWorkspace workspace, Path logs, Teardown teardown)
      throws InterruptedException {
    List<PoolPlan> toBuild =
        plan.pools().stream()
            .filter(p -> !spec.pool(p.name()).orElseThrow().adoptsByUri())
            .toList();
    if (toBuild.isEmpty()) {
      return;
    }
    phase("building " + HumanFormat.count(toBuild.size(), "pool"));
    faults.atPhase("pools");
    long began = clock.nowMs();
    Parallel.forEach(
        toBuild,
        pool -> {
          Node first =
              Objects.requireNonNull(
                  nodes.get(pool.cells().get(0).node()), "a pool's nodes are up first");
          Pool built =
              switch (pool.backend()) {
                case "host" -> adoptHost(pool, first);
                case "nested" ->
                    NestedPool.boot(
                        requireNestedCapable(pool, first),
                        first,
                        new NestedPoolSetup(
                            runId,
                            settings.hypervisorImage().get(),
                            NestedPoolPlaces.guestImages(state.environment.image()),
                            settings.nestbedHome().resolve("images/hypervisor/make-images-disk.sh"),
                            settings.accelerator().get(),
                            NestedPoolPlaces.directory(workspace.directory(), pool),
                            logs,
                            NESTED_BOOT,
                            progress::detail,
                            // No interconnect NIC on an existing host: its multicast would go
                            // out on a network that is not the run's (validate refuses migrations
                            // between nested pools there).
                            first.sharesLoopback()
                                ? null
                                : NestedPoolPlaces.interconnect(plan, pool)));
                default ->
                    throw new NotSupportedException(
                        "pool " + pool.name() + ": building a '" + pool.backend() + "' pool",
                        pool.backend());
              };
          undo(teardown, "release pool " + pool.name(), built::close);
          state.addPool(built);
          observed.put(pool.name(), built.observedCells());
          bootFaults.put(pool.name(), built.bootFaults());
        });
    phases.put("pools", clock.nowMs() - began);
  }

  /** The pool's plan, once its first node is known to be able to boot the pool's L1. */
  private static PoolPlan requireNestedCapable(PoolPlan pool, Node first) {
    first
        .whyNoNestedPool()
        .ifPresent(
            why -> {
              throw new NotSupportedException(
                  "pool " + pool.name() + ": a nested pool on " + why, "nested");
            });
    return pool;
  }

  private static Pool adoptHost(PoolPlan pool, Node node) {
    if (pool.cells().size() != 1) {
      throw new NotSupportedException(
          "pool "
              + pool.name()
              + ": a host pool over "
              + pool.cells().size()
              + " nodes (a host pool adopts one machine)",
          pool.backend());
    }
    return HostPool.adopt(pool, node);
  }

  /**
   * Runs the steps in order, taking the cell account before the first and after each one that ran.
   */
  private Outcome runSteps(
      RunState state,
      Map<String, Node> nodes,
      List<StepRecord> steps,
      List<CellFree> cellsFree,
      Defects defects) {
    phase("running " + HumanFormat.count(spec.steps().size(), "step"));
    faults.atPhase("steps");
    long began = clock.nowMs();
    StepExecutor executor =
        new StepExecutor(state, settings.defaultStepTimeout(), faults, defects)
            .explainingWith(record -> GoneNodes.named(record, nodes));
    Outcome outcome = Outcome.PASSED;
    cellsFree.addAll(CellAccount.snapshot("", state));
    for (int i = 0; i < spec.steps().size(); i++) {
      StepSpec step = spec.steps().get(i);
      String path = String.valueOf(i);
      if (interrupted || !outcome.passed()) {
        Outcome skipped = interrupted ? Outcome.INTERRUPTED : Outcome.SKIPPED;
        steps.add(
            new StepRecord(
                path,
                step.kind(),
                step.subjects(),
                StepSummaries.of(step),
                clock.nowMs(),
                clock.nowMs(),
                skipped,
                interrupted ? "the run was interrupted" : "an earlier step failed",
                Map.of(),
                List.of()));
        continue;
      }
      try {
        StepRecord record = executor.execute(path, step);
        steps.add(record);
        cellsFree.addAll(CellAccount.snapshot(path, state));
        if (!record.outcome().passed()) {
          outcome =
              outcome.worst(record.outcome() == Outcome.ERROR ? Outcome.ERROR : Outcome.FAILED);
        }
      } catch (InterruptedException e) {
        interrupted = true;
        steps.add(
            new StepRecord(
                path,
                step.kind(),
                step.subjects(),
                StepSummaries.of(step),
                clock.nowMs(),
                clock.nowMs(),
                Outcome.INTERRUPTED,
                "interrupted while running",
                Map.of(),
                List.of()));
      }
    }
    phases.put("steps", clock.nowMs() - began);
    return interrupted ? Outcome.INTERRUPTED : outcome;
  }

  private static void destroyPartitions(RunState state) {
    Teardown each = new Teardown();
    for (Partition p : state.runningPartitions().values()) {
      each.add("destroy " + p, p::close);
    }
    each.close();
  }

  private static List<String> listLogs(Path outDir, Path logs) {
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(logs)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> outDir.relativize(f).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
