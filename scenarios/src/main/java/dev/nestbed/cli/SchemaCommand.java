package dev.nestbed.cli;

import dev.nestbed.scenario.parse.ScenarioSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nestbed schema}: the JSON Schema of the scenario language, for editors. */
@Command(
    name = "schema",
    description = {
      "Print the JSON Schema of the scenario language.",
      "E.g. nestbed schema > nestbed.schema.json, then point your editor's YAML support at it."
    })
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(ScenarioSchema.json());
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
