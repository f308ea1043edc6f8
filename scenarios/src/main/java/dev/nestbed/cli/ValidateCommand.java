package dev.nestbed.cli;

import dev.nestbed.scenario.report.HumanFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nestbed validate FILE}: every problem of a scenario at once, without starting anything. */
@Command(name = "validate", description = {
    "Check a scenario: syntax, keys, units, references, capacity and placement.",
    "Prints every problem as file:line:col: message with a hint; exits 0 if valid, 2 if not."})
final class ValidateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The scenario YAML.")
  Path file;

  @Override
  public Integer call() {
    LoadedScenario loaded = LoadedScenario.loadOrReport(file, spec.commandLine().getErr());
    if (loaded == null) {
      return ExitCode.INVALID;
    }
    var s = loaded.spec();
    spec.commandLine().getOut().printf("%s: valid (%s)%n", file, String.join(", ",
        HumanFormat.count(s.nodes().hosts().size(), "node"), HumanFormat.count(s.pools().size(), "pool"),
        HumanFormat.count(s.partitions().size(), "partition"), HumanFormat.count(s.steps().size(), "step"),
        HumanFormat.count(s.expectations().size(), "expectation")));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
