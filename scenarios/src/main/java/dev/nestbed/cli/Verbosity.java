package dev.nestbed.cli;

import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How much nestbed says besides its data, chosen on the top command: {@code --quiet} (errors and
 * data only), the default (warnings too, and progress lines), {@code --verbose} (debug logs too).
 * Data goes to stdout; progress, logs and errors go to stderr, so a pipe gets only data.
 */
enum Verbosity {
  QUIET("error"),
  NORMAL("warn"),
  VERBOSE("debug");

  /** SLF4J Simple's level for it; logs go to stderr. */
  final String logLevel;

  Verbosity(String logLevel) {
    this.logLevel = logLevel;
  }

  /** The verbosity the command line chose for {@code command}. */
  static Verbosity of(CommandSpec command) {
    return command.root().userObject() instanceof NestbedCli cli ? cli.verbosity() : NORMAL;
  }

  /** Where {@code command} writes progress lines: stderr, or nowhere under {@code --quiet}. */
  static PrintWriter progress(CommandSpec command) {
    return of(command) == QUIET
        ? new PrintWriter(Writer.nullWriter())
        : command.commandLine().getErr();
  }
}
