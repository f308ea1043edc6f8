package dev.nestbed.cli;

import dev.nestbed.core.NestbedException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into "error: what" and "hint: what to try" lines and an exit code. A stack trace
 * only with {@code --debug}: users need the message, developers the trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  static volatile boolean showStackTraces;

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    boolean defect = !(e instanceof NestbedException);
    err.println("error: " + NestbedException.describe(e));
    if (e instanceof NestbedException nestbed) {
      nestbed.hint().ifPresent(hint -> err.println("hint: " + hint));
    } else if (!showStackTraces) {
      err.println(
          "hint: this is a bug in nestbed (exit "
              + ExitCode.NESTBED_ERROR
              + "); rerun with --debug for the stack trace");
    }
    if (showStackTraces) {
      e.printStackTrace(err);
    }
    err.flush();
    if (defect) {
      return ExitCode.NESTBED_ERROR;
    }
    return e instanceof HostNotReadyException ? ExitCode.HOST_NOT_READY : ExitCode.FAILED;
  }

  /**
   * The JVM's heap ran out (a simulated run at a scale beyond it, typically). What the run could
   * still do on the way out (teardown, reports) it did in its finally blocks; this says what
   * happened and how to give it more.
   */
  static int onOutOfMemory(OutOfMemoryError e, PrintWriter err) {
    err.println(
        "error: nestbed ran out of memory ("
            + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage())
            + ", max heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB)");
    err.println(
        "hint: give the JVM a larger heap, e.g. JDK_JAVA_OPTIONS=-Xmx4g ./nestbed ...; or make the"
            + " scenario smaller");
    if (showStackTraces) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCode.NESTBED_ERROR;
  }

  /**
   * A command line picocli cannot parse: what was wrong, and where to look. A mistyped command or
   * option gets picocli's suggestions of the nearest names ("did you mean 'nestbed validate'?").
   */
  static int onBadArguments(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String help = "see '" + cmd.getCommandSpec().qualifiedName() + " --help'";
    if (e instanceof UnmatchedArgumentException unmatched
        && !unmatched.isUnknownOption()
        && !cmd.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty()) {
      err.println(
          "error: '"
              + unmatched.getUnmatched().get(0)
              + "' is not a command of "
              + cmd.getCommandSpec().qualifiedName());
    } else {
      err.println("error: " + e.getMessage());
    }
    List<String> suggestions =
        e instanceof UnmatchedArgumentException unmatched ? suggestions(unmatched) : List.of();
    err.println(
        "hint: "
            + (suggestions.isEmpty()
                ? help
                : "did you mean " + alternatives(suggestions) + "? " + help));
    err.flush();
    return ExitCode.INVALID;
  }

  /** Options as they are spelled, commands with the command they belong to. */
  private static List<String> suggestions(UnmatchedArgumentException e) {
    String prefix =
        e.isUnknownOption() ? "" : e.getCommandLine().getCommandSpec().qualifiedName() + " ";
    return e.getSuggestions().stream().map(s -> "'" + prefix + s + "'").toList();
  }

  /** "'a'", "'a' or 'b'", "'a', 'b' or 'c'". */
  private static String alternatives(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }
}
