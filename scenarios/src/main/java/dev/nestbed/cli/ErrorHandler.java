package dev.nestbed.cli;

import dev.nestbed.core.NestbedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into "error: what" and "hint: what to try" lines and an exit code. A stack
 * trace only with {@code --debug}: users need the message, developers the trace.
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
      err.println("hint: this is a bug in nestbed (exit " + ExitCode.NESTBED_ERROR
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

  static int onBadArguments(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr().println("error: " + e.getMessage());
    cmd.getErr().println("hint: see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    return ExitCode.INVALID;
  }
}
