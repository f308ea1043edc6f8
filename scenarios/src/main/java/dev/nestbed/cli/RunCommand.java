package dev.nestbed.cli;

import dev.nestbed.aggregator.NodeProviders;
import dev.nestbed.aggregator.NodesNotReadyException;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.host.HostCheck;
import dev.nestbed.core.host.HostChecks;
import dev.nestbed.core.model.OperationCalibration;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.Provenance;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.report.ReportWriter;
import dev.nestbed.scenario.run.PlainProgress;
import dev.nestbed.scenario.run.Progress;
import dev.nestbed.scenario.run.RunOrigin;
import dev.nestbed.scenario.run.RunSettings;
import dev.nestbed.scenario.run.ScenarioRunner;
import dev.nestbed.scenario.run.TerminalProgress;
import dev.nestbed.scenario.sim.CalibrationFile;
import dev.nestbed.scenario.sim.SimulatedRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nestbed run FILE}: the whole experiment, for real, with reports. */
@Command(
    name = "run",
    description = {
      "Run a scenario for real, tear it all down and write its reports.",
      "Starts the nodes, builds the pools, runs the steps, checks the expectations, tears",
      "everything down (also on failure and Ctrl-C), and writes results.json, junit.xml,",
      "report.html and logs/ to the output directory. Progress goes to stderr (none with -q);",
      "the summary and the report's path to stdout. A scenario of simulated nodes (provider: sim)",
      "starts nothing: its steps run in simulated time on the models, in seconds.",
      "Exit codes: 0 passed, 1 a step or expectation failed (or teardown left something behind),",
      "2 invalid scenario, 3 host not ready, 70 nestbed itself failed (a defect: see the report and",
      "logs/nestbed-errors.log), 130 interrupted by Ctrl-C, 143 terminated by SIGTERM."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The scenario YAML.")
  Path file;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      description = "Where results go (default: nestbed-results/<scenario>-<time>).")
  @Nullable Path out;

  @Option(names = "--plain", description = "Plain progress lines even on a terminal.")
  boolean plain;

  @Option(
      names = "--calibration",
      paramLabel = "FILE",
      description =
          "For a simulated run: the calibration 'nestbed bench calibrate' wrote (default: the one"
              + " measured on this project's machine).")
  @Nullable Path calibration;

  @Override
  @SuppressWarnings("SystemConsoleNull") // Java 17: no console means no terminal (22 changed that)
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    LoadedScenario loaded = LoadedScenario.loadOrReport(file, spec.commandLine().getErr());
    if (loaded == null) {
      return ExitCode.INVALID;
    }
    Path outDir = out != null ? out : defaultResults(loaded.spec().name());
    // Read before the interrupt handlers are set: until the runner exists, Ctrl-C just exits.
    RunOrigin origin =
        RunOrigin.probe(
            invokedWith(),
            Provenance.ScenarioSource.of(
                file.toAbsolutePath().normalize().toString(), loaded.text()));
    if (calibration != null && !SIM.equals(provider(loaded))) {
      throw new ParameterException(
          spec.commandLine(),
          "--calibration applies to simulated runs (provider: sim); scenario "
              + loaded.spec().name()
              + " runs for real");
    }
    if (SIM.equals(provider(loaded))) {
      return finish(simulate(loaded, origin), outDir, stdout);
    }
    HostContext host = new HostContext();
    requireReadyHost(host);
    requireReadyNodes(loaded);
    PrintWriter progressOut = Verbosity.progress(spec);
    Progress progress =
        plain || System.console() == null || "dumb".equals(System.getenv("TERM"))
            ? new PlainProgress(progressOut)
            : new TerminalProgress(progressOut);
    ScenarioRunner runner = runner(loaded, file, outDir, host, origin, progress);
    AtomicInteger interruptCode = new AtomicInteger(ExitCode.INTERRUPTED);
    // Never restored: a signal while the reports are written must not kill the process.
    InterruptSignals.onInterrupt(
        code -> {
          interruptCode.set(code);
          progress.detail(
              (code == ExitCode.TERMINATED ? "terminated" : "interrupted")
                  + ": cancelling the current step and tearing down");
          runner.interrupt();
        });
    RunRecord record;
    try {
      record = runner.run(loaded.millis());
    } finally {
      progress.close();
    }
    return finish(record, outDir, stdout, interruptCode.get());
  }

  /** Where results go when no --out is given: nestbed-results/NAME-yyyyMMdd-HHmmss. */
  static Path defaultResults(@Nullable String name) {
    return Path.of(
        "nestbed-results",
        name
            + "-"
            + LocalDateTime.now(ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /** The runner of a real run of {@code loaded}, its reports to go to {@code outDir}. */
  static ScenarioRunner runner(
      LoadedScenario loaded,
      Path file,
      Path outDir,
      HostContext host,
      RunOrigin origin,
      Progress progress) {
    return new ScenarioRunner(
        loaded.spec(),
        loaded.plan(),
        new RunSettings(
            file.toString(),
            outDir,
            RunSettings.DEFAULT_STEP_TIMEOUT,
            host.images()::ensureBuilt,
            host.hypervisorImages()::ensureBuilt,
            host::accelerator,
            RunDirectories.home(),
            origin),
        progress);
  }

  private static final String SIM = "sim";

  private static @Nullable String provider(LoadedScenario loaded) {
    return loaded.spec().nodes() == null ? null : loaded.spec().nodes().provider();
  }

  /** A scenario of simulated nodes: the models in simulated time, nothing started. */
  private RunRecord simulate(LoadedScenario loaded, RunOrigin origin) {
    PrintWriter progress = Verbosity.progress(spec);
    OperationCalibration models =
        calibration == null
            ? OperationCalibration.MEASURED_HERE
            : CalibrationFile.read(calibration);
    SimulatedRun run =
        new SimulatedRun(
            loaded.spec(),
            loaded.plan(),
            models,
            file.toString(),
            origin,
            RunSettings.DEFAULT_STEP_TIMEOUT);
    progress.printf(
        "run %s: simulated (nothing starts; models calibrated on %s, %s)%n",
        run.runId(), models.provenance().where(), models.provenance().when());
    progress.flush();
    return run.run(loaded.millis());
  }

  private int finish(RunRecord record, Path outDir, PrintWriter stdout) {
    return finish(record, outDir, stdout, ExitCode.INTERRUPTED);
  }

  /** Writes the reports, prints the summary and says the exit code the run's outcome calls for. */
  private int finish(RunRecord record, Path outDir, PrintWriter stdout, int interruptCode) {
    try {
      ReportWriter.writeAll(record, outDir);
    } catch (IOException e) {
      throw new NestbedException(
          "cannot write the results of run "
              + record.runId()
              + " to "
              + outDir
              + ": "
              + e.getMessage(),
          "give --out a directory you can write to; the run itself was torn down",
          e);
    }
    printSummary(record, outDir, stdout);
    return switch (record.outcome()) {
      case PASSED -> ExitCode.OK;
      case INTERRUPTED -> interruptCode;
      case ERROR -> ExitCode.NESTBED_ERROR;
      default -> ExitCode.FAILED;
    };
  }

  /**
   * The arguments nestbed was invoked with, after its name: all of them, not just this command's.
   */
  private List<String> invokedWith() {
    List<String> line = new ArrayList<>(List.of("nestbed"));
    line.addAll(spec.root().commandLine().getParseResult().originalArgs());
    return line;
  }

  static void requireReadyHost(HostContext host) {
    List<HostCheck> failures =
        new HostChecks()
            .run(host.accelerator()).stream()
                .filter(c -> c.outcome() == HostCheck.Outcome.FAIL)
                .toList();
    if (!failures.isEmpty()) {
      HostCheck first = failures.get(0);
      throw new HostNotReadyException(
          "the host is not ready: "
              + first.name()
              + ": "
              + first.detail()
              + (failures.size() > 1
                  ? " (and " + (failures.size() - 1) + " more; see 'nestbed doctor')"
                  : ""),
          first.fix());
    }
  }

  /**
   * Existing hosts (the remote provider) answer and have what the scenario gives them, or exit 3.
   */
  private static void requireReadyNodes(LoadedScenario loaded) throws InterruptedException {
    if (loaded.spec().nodes() == null || loaded.plan().nodes().isEmpty()) {
      return;
    }
    try {
      NodeProviders.preflight(loaded.spec().validNodes().validProvider(), loaded.plan().nodes());
    } catch (NodesNotReadyException e) {
      throw new HostNotReadyException(
          "the nodes are not ready: " + e.getMessage(), e.hint().orElse(null));
    }
  }

  private static void printSummary(RunRecord record, Path outDir, PrintWriter out) {
    long passedSteps = record.steps().stream().filter(s -> s.outcome() == Outcome.PASSED).count();
    long passedExpect =
        record.expectations().stream().filter(e -> e.outcome() == Outcome.PASSED).count();
    long unmeasured =
        record.expectations().stream().filter(e -> e.outcome() == Outcome.SKIPPED).count();
    out.printf(
        "%n%s %s in %.1f s%s: %d/%d steps passed, %d/%d expectations met%s%n",
        record.scenario(),
        record.outcome(),
        record.wallMs() / 1000.0,
        record.simulation() == null ? "" : " of simulated time",
        passedSteps,
        record.steps().size(),
        passedExpect,
        record.expectations().size(),
        unmeasured == 0
            ? ""
            : " (" + unmeasured + " not measured: only a real run looks inside guests)");
    if (!record.message().isEmpty()) {
      out.println("  " + record.message());
    }
    for (ExpectationRecord e : record.expectations()) {
      if (e.outcome() == Outcome.FAILED) {
        out.printf(
            "  FAILED expectation: %s (expected %s, measured %s) %s%n",
            e.description(), e.expected(), e.measured(), e.message());
      }
    }
    out.printf("report: %s%n", outDir.resolve("report.html").toAbsolutePath());
    out.flush();
  }
}
