package dev.nestbed.cli;

import dev.nestbed.core.model.OperationCalibration;
import dev.nestbed.core.model.Provenance;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.scenario.provenance.HostSoftware;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.report.ReportWriter;
import dev.nestbed.scenario.run.PlainProgress;
import dev.nestbed.scenario.run.RunOrigin;
import dev.nestbed.scenario.run.ScenarioRunner;
import dev.nestbed.scenario.sim.Calibrating;
import dev.nestbed.scenario.sim.CalibrationFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nestbed bench calibrate}: measures this host for the models of simulated runs by running
 * the calibration scenarios ({@code scenarios/calibrate/}) for real, and writes the medians of
 * their step metrics as a calibration file with its provenance.
 */
@Command(
    name = "calibrate",
    description = {
      "Measure this host for simulated runs, and write a calibration file.",
      "Runs scenarios/calibrate/host.yaml (boot, hotplug, an idle migration) and nested.yaml (a",
      "node joins and leaves a nested pool, a partition moves) for real, --repeat times each, and",
      "writes the median of each step metric the models read, with where, when and how it was",
      "measured. 'nestbed run --calibration FILE' simulates with it."
    })
final class CalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--repeat",
      defaultValue = "3",
      description = "Runs of each calibration scenario; medians are kept (default: 3).")
  int repeat;

  @Option(
      names = "--skip-nested",
      description =
          "Run only the host scenario (about a minute under TCG); node join and leave and moves"
              + " keep the default calibration's figures, and the file says so.")
  boolean skipNested;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      defaultValue = "nestbed-calibration.json",
      description = "The calibration file to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--runs",
      paramLabel = "DIR",
      description =
          "Where each run's reports go (default: nestbed-results/calibrate-<time>); the file names"
              + " it as its source.")
  @Nullable Path runs;

  @Override
  public Integer call() throws Exception {
    if (repeat < 1) {
      throw new ParameterException(
          spec.commandLine(), "--repeat must be at least 1, not " + repeat);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter progressOut = Verbosity.progress(spec);
    HostContext host = new HostContext();
    RunCommand.requireReadyHost(host);
    Path runsDir = runs != null ? runs : RunCommand.defaultResults("calibrate");
    AtomicReference<@Nullable ScenarioRunner> current = new AtomicReference<>();
    AtomicInteger interruptCode = new AtomicInteger(0);
    InterruptSignals.onInterrupt(
        code -> {
          interruptCode.set(code);
          ScenarioRunner runner = current.get();
          if (runner != null) {
            runner.interrupt();
          }
        });
    List<RunRecord> hostRuns = new ArrayList<>();
    List<RunRecord> nestedRuns = new ArrayList<>();
    List<String> scenarios = skipNested ? List.of("host") : List.of("host", "nested");
    for (String name : scenarios) {
      Path file = RunDirectories.home().resolve("scenarios/calibrate/" + name + ".yaml");
      LoadedScenario loaded = LoadedScenario.load(file);
      for (int i = 1; i <= repeat && interruptCode.get() == 0; i++) {
        Path outDir = runsDir.resolve(name + "-" + i);
        progressOut.printf("calibrate: %s run %d of %d -> %s%n", name, i, repeat, outDir);
        progressOut.flush();
        ScenarioRunner runner =
            RunCommand.runner(
                loaded,
                file,
                outDir,
                host,
                RunOrigin.probe(
                    List.of("nestbed", "bench", "calibrate"),
                    dev.nestbed.scenario.record.Provenance.ScenarioSource.of(
                        file.toString(), loaded.text())),
                new PlainProgress(progressOut));
        current.set(runner);
        RunRecord record = runner.run(loaded.millis());
        current.set(null);
        ReportWriter.writeAll(record, outDir);
        progressOut.printf(
            "calibrate: %s run %d: %s%s%n",
            name,
            i,
            record.outcome(),
            record.message().isEmpty() ? "" : " (" + record.message() + ")");
        progressOut.flush();
        if (record.outcome() == Outcome.INTERRUPTED) {
          break;
        }
        (name.equals("host") ? hostRuns : nestedRuns).add(record);
      }
    }
    if (interruptCode.get() != 0) {
      return interruptCode.get();
    }
    OperationCalibration calibration;
    try {
      calibration =
          Calibrating.from(
              hostRuns,
              nestedRuns,
              OperationCalibration.MEASURED_HERE,
              provenance(host, runsDir, hostRuns.size(), nestedRuns.size()));
    } catch (IllegalArgumentException e) {
      // a measurement the runs did not give: their failure, not nestbed's; nothing is written
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          "error: calibration not written: %s%nhint: see the runs' reports under %s, and run again%n",
          e.getMessage(), runsDir);
      err.flush();
      return ExitCode.FAILED;
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    CalibrationFile.write(calibration, out);
    print(calibration, stdout);
    stdout.printf("calibration: %s%n", out.toAbsolutePath());
    stdout.flush();
    return ExitCode.OK;
  }

  private Provenance provenance(HostContext host, Path runsDir, int hostRuns, int nestedRuns) {
    dev.nestbed.scenario.record.Provenance.Host software = HostSoftware.probe();
    return new Provenance(
        "kernel "
            + software.kernel().text()
            + ", "
            + software.qemu().text()
            + ", "
            + software.libvirt().text()
            + ", "
            + host.accelerator().describe(),
        java.time.OffsetDateTime.now(ZoneId.systemDefault())
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        "nestbed bench calibrate: "
            + hostRuns
            + " run(s) of scenarios/calibrate/host.yaml"
            + (nestedRuns > 0
                ? " and " + nestedRuns + " of nested.yaml"
                : "; node join and leave and moves not measured (--skip-nested): the default"
                    + " calibration's")
            + "; each constant the median of the step metric docs/model-calibration.md names",
        runsDir.toAbsolutePath().toString());
  }

  private static void print(OperationCalibration c, PrintWriter out) {
    out.printf("%-22s %10s%n", "constant", "value");
    row(out, "start", c.start().toMillis() + " ms");
    row(out, "first heartbeat", c.firstHeartbeat().toMillis() + " ms");
    row(out, "vCPU hotplug", c.vcpuHotplug().toMillis() + " ms");
    row(out, "memory plug", mibPerSecond(c.memoryPlugBytesPerSecond()));
    row(out, "memory unplug", mibPerSecond(c.memoryUnplugBytesPerSecond()));
    row(out, "balloon", c.balloon().toMillis() + " ms");
    row(out, "node join", c.nodeJoin().toMillis() + " ms");
    row(out, "node leave", c.nodeLeave().toMillis() + " ms");
    row(out, "move", mibPerSecond(c.movePageBytesPerSecond()));
    row(out, "move guest downtime", c.moveGuestDowntime().toMillis() + " ms");
    row(out, "guest footprint", c.guestFootprint().mib() + " MiB");
    row(out, "migration set-up", c.migration().setup().toMillis() + " ms");
    row(out, "migration switch-over", c.migration().switchover().toMillis() + " ms");
    row(out, "migration bandwidth", mibPerSecond(c.migration().bandwidthBytesPerSecond()));
  }

  private static void row(PrintWriter out, String name, String value) {
    out.printf("%-22s %10s%n", name, value);
  }

  private static String mibPerSecond(double bytesPerSecond) {
    return String.format("%.1f MiB/s", bytesPerSecond / (1 << 20));
  }
}
