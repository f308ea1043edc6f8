package dev.nestbed.cli;

import dev.nestbed.scenario.run.NoColor;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code nestbed} command line. */
@Command(
    name = "nestbed",
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    description = "Testbed for aggregate-then-partition virtualization on QEMU and libvirt.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      PlanCommand.class,
      CleanCommand.class,
      DoctorCommand.class,
      ImagesCommand.class,
      SchemaCommand.class,
      VagrantCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      CompareCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  nestbed run scenarios/examples/quickstart.yaml  run a scenario for real",
      "  nestbed run my.yaml --out results/              choose where the report goes",
      "  nestbed validate my.yaml                        every problem, file:line:col",
      "  nestbed validate my.yaml --json                 the same as JSON, for scripts",
      "  nestbed plan my.yaml                            cells, placement",
      "  nestbed plan my.yaml --xml                      the domain XML the run defines",
      "  nestbed clean --dry-run                         what killed runs left",
      "  nestbed doctor                                  is this host ready?",
      "  nestbed schema > nestbed.schema.json            JSON Schema for editors",
      "  nestbed compare a/results.json b/results.json   two runs side by side",
      "  source <(nestbed completion bash)               tab completion in bash",
      "",
      "-q: errors and data only; -v: debug logs too; NO_COLOR=1: no colour.",
      "",
      "Exit codes: 0 passed, 1 a step or expectation failed (or teardown left",
      "something behind), 2 invalid input (nothing started), 3 host not ready,",
      "70 nestbed itself failed (a bug), 130 interrupted by Ctrl-C, 143 terminated",
      "by SIGTERM (both torn down)."
    })
public final class NestbedCli {
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  @Spec CommandSpec spec;

  private Verbosity verbosity = Verbosity.NORMAL;

  @Option(
      names = {"-q", "--quiet"},
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print only errors and data: no warnings, no progress lines.")
  void quiet(boolean on) {
    if (on) {
      choose(Verbosity.QUIET);
    }
  }

  @Option(
      names = {"-v", "--verbose"},
      scope = CommandLine.ScopeType.INHERIT,
      description = "Also print debug logs (on stderr).")
  void verbose(boolean on) {
    if (on) {
      choose(Verbosity.VERBOSE);
    }
  }

  @Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Show stack traces and debug logs.")
  void debug(boolean on) {
    if (on) {
      choose(Verbosity.VERBOSE);
      ErrorHandler.showStackTraces = true;
    }
  }

  /**
   * Logs are configured once, when the first logger is made: after parsing, before any command
   * runs.
   */
  private void choose(Verbosity chosen) {
    if (verbosity != Verbosity.NORMAL && verbosity != chosen) {
      throw new ParameterException(
          spec.commandLine(),
          "--quiet asks for less and --verbose (or --debug) for more:" + " give one");
    }
    verbosity = chosen;
    System.setProperty(LOG_LEVEL, chosen.logLevel);
  }

  Verbosity verbosity() {
    return verbosity;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of main). */
  public static int execute(String... args) {
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, Verbosity.NORMAL.logLevel);
    }
    // Testcontainers (container nodes) warns that Ryuk is off, which nestbed chose: it removes
    // what it created by the run's label itself. Its errors still show.
    for (String logger : List.of("org.testcontainers", "tc")) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "error");
      }
    }
    try {
      return commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      // an Error passes picocli's handler; without this the JVM prints a trace and exits 1
      return ErrorHandler.onOutOfMemory(
          e,
          new java.io.PrintWriter(
              new java.io.OutputStreamWriter(System.err, java.nio.charset.Charset.defaultCharset()),
              true));
    }
  }

  /** The command line as {@link #execute} runs it; tests set its output and error writers. */
  static CommandLine commandLine() {
    return new CommandLine(new NestbedCli())
        .setColorScheme(Help.defaultColorScheme(ansi(System.getenv("NO_COLOR"))))
        .setExecutionStrategy(new VersionProvider())
        .setExecutionExceptionHandler(new ErrorHandler())
        .setParameterExceptionHandler(ErrorHandler::onBadArguments)
        // The commands' descriptions are written in lines of up to 100 columns; at picocli's
        // default of 80 it would break each of them again mid-sentence.
        .setUsageHelpWidth(HELP_WIDTH);
  }

  /** The width help is laid out in. */
  static final int HELP_WIDTH = 100;

  /**
   * No colour in help when {@code NO_COLOR} is set and not empty; otherwise picocli's own choice
   * (colour on a terminal only).
   *
   * @param noColor {@code NO_COLOR}'s value; null when it is not set
   */
  static Help.Ansi ansi(String noColor) {
    return NoColor.requested(noColor) ? Help.Ansi.OFF : Help.Ansi.AUTO;
  }
}
