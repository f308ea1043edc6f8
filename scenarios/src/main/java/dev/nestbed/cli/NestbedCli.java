package dev.nestbed.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code nestbed} command line. */
@Command(name = "nestbed",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Testbed for aggregate-then-partition virtualization on QEMU and libvirt.",
    subcommands = {RunCommand.class, ValidateCommand.class, PlanCommand.class, CleanCommand.class,
        DoctorCommand.class, ImagesCommand.class, SchemaCommand.class, DemoCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Examples:",
        "  nestbed doctor            check that this host can run nestbed",
        "  nestbed images build      build (or reuse) the partition guest image",
        "  nestbed demo --repeat 5   two local nodes, one partition: boot, hot-add a vCPU,",
        "                            balloon its memory, tear down; prints measured times",
        "", "Exit codes: 0 ok, 1 failed, 2 invalid input, 3 host not ready, 130 interrupted."})
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
    return new CommandLine(new NestbedCli())
        .setExecutionExceptionHandler(new ErrorHandler())
        .setParameterExceptionHandler(ErrorHandler::onBadArguments)
        .execute(args);
  }
}
