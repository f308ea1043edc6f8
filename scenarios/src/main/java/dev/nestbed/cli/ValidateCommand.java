package dev.nestbed.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestbed.core.NestbedException;
import dev.nestbed.scenario.parse.ScenarioInvalidException;
import dev.nestbed.scenario.report.HumanFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nestbed validate FILE}: every problem of a scenario at once, without starting anything.
 */
@Command(
    name = "validate",
    description = {
      "Check a scenario without starting anything.",
      "Checks syntax, keys, units, references, the lifecycle of the steps, capacity and placement, and"
          + " prints every problem as file:line:col: message with a hint; exits 0 if valid, 2 if not."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The scenario YAML.")
  Path file;

  @Option(
      names = "--json",
      description =
          "Print the verdict as JSON on stdout instead: valid, the counts, and"
              + " each problem with file, line, column, message and hint, and the exit code.")
  boolean json;

  @Override
  public Integer call() {
    return json ? printJson() : printText();
  }

  private int printText() {
    LoadedScenario loaded = LoadedScenario.loadOrReport(file, spec.commandLine().getErr());
    if (loaded == null) {
      return ExitCode.INVALID;
    }
    var s = loaded.spec();
    spec.commandLine()
        .getOut()
        .printf(
            "%s: valid (%s)%n",
            file,
            String.join(
                ", ",
                HumanFormat.count(s.validNodes().hosts().size(), "node"),
                HumanFormat.count(s.pools().size(), "pool"),
                HumanFormat.count(s.partitions().size(), "partition"),
                HumanFormat.count(s.steps().size(), "step"),
                HumanFormat.count(s.expectations().size(), "expectation")));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }

  /**
   * The same verdict as JSON; a host that cannot be asked for its size still exits 3 with the error
   * on stderr.
   */
  private int printJson() {
    ObjectNode verdict;
    try {
      verdict = ValidateJson.valid(file, LoadedScenario.load(file).spec());
    } catch (ScenarioInvalidException e) {
      verdict = ValidateJson.invalid(file, e.problems());
    } catch (HostNotReadyException e) {
      throw e;
    } catch (NestbedException e) {
      verdict = ValidateJson.unreadable(file, e);
    }
    JsonOutput.print(verdict, spec.commandLine().getOut());
    return verdict.get("exitCode").asInt();
  }
}
