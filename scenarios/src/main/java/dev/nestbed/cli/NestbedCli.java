package dev.nestbed.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code nestbed} command line. */
@Command(name = "nestbed", scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Testbed for aggregate-then-partition virtualization on QEMU and libvirt.",
    subcommands = {RunCommand.class, ValidateCommand.class, PlanCommand.class, CleanCommand.class,
        DoctorCommand.class, ImagesCommand.class, SchemaCommand.class, VagrantCommand.class, DemoCommand.class,
        BenchCommand.class, CompareCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Examples:",
        "  nestbed run scenarios/examples/quickstart.yaml   run a scenario for real",
        "  nestbed run my.yaml --out results/               choose where the report goes",
        "  nestbed validate my.yaml                         every problem, file:line:col",
        "  nestbed plan my.yaml                             cells, placement",
        "  nestbed plan my.yaml --xml                       the domain XML the run defines",
        "  nestbed clean                                    remove what killed runs left",
        "  nestbed doctor                                   is this host ready?",
        "  nestbed schema > nestbed.schema.json             JSON Schema for editors",
        "", "Exit codes: 0 passed, 1 a step or expectation failed (or teardown left something),",
        "2 invalid input (nothing started), 3 host not ready, 70 nestbed itself failed (a bug),",
        "130 interrupted by Ctrl-C, 143 terminated by SIGTERM (both torn down)."})
public final class NestbedCli {
  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Show stack traces and debug logs.")
  void debug(boolean on) {
    if (on) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
      ErrorHandler.showStackTraces = true;
    }
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of main). */
  public static int execute(String... args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    return commandLine().execute(args);
  }

  /** The command line as {@link #execute} runs it; tests set its output and error writers. */
  static CommandLine commandLine() {
    return new CommandLine(new NestbedCli())
        .setExecutionExceptionHandler(new ErrorHandler())
        .setParameterExceptionHandler(ErrorHandler::onBadArguments);
  }
}
