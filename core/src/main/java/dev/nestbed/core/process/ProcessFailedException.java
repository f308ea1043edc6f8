package dev.nestbed.core.process;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.io.LastLines;
import org.jspecify.annotations.Nullable;

/**
 * A program exited non-zero, timed out, or could not be started. The message names the program, the
 * reason and the tail of its error output, because that is what a user needs to act.
 */
public final class ProcessFailedException extends NestbedException {
  private static final int TAIL_LINES = 12;
  private final transient @Nullable ProcessResult result;
  private final boolean timedOut;

  ProcessFailedException(
      String message,
      @Nullable String hint,
      @Nullable ProcessResult result,
      @Nullable Throwable cause) {
    this(message, hint, result, cause, false);
  }

  private ProcessFailedException(
      String message,
      @Nullable String hint,
      @Nullable ProcessResult result,
      @Nullable Throwable cause,
      boolean timedOut) {
    super(message, hint, cause);
    this.result = result;
    this.timedOut = timedOut;
  }

  /** Whether the program was killed at its timeout rather than exiting on its own. */
  public boolean timedOut() {
    return timedOut;
  }

  static ProcessFailedException exited(ProcessResult result) {
    String output = tail(result.stderr().isBlank() ? result.stdout() : result.stderr());
    return new ProcessFailedException(
        String.format(
            "'%s' exited with code %d after %d ms%s",
            result.command(),
            result.exitCode(),
            result.elapsed().toMillis(),
            output.isEmpty() ? "" : ":\n" + output),
        null,
        result,
        null);
  }

  static ProcessFailedException timedOut(ProcessResult result) {
    String output = tail(result.stderr() + result.stdout());
    return new ProcessFailedException(
        String.format(
            "'%s' did not finish within %d s and was killed%s",
            result.command(),
            result.command().timeout().toSeconds(),
            output.isEmpty() ? "" : "; its last output:\n" + output),
        "the machine may be overloaded; the program's full output is in the debug log",
        result,
        null,
        true);
  }

  static ProcessFailedException couldNotStart(Command command, Throwable cause) {
    return new ProcessFailedException(
        String.format("could not start '%s': %s", command.program(), cause.getMessage()),
        "is it installed? run ci/setup-host.sh or 'nestbed doctor'",
        null,
        cause);
  }

  /** The result of the failed run, or null when the program never started. */
  public @Nullable ProcessResult result() {
    return result;
  }

  private static String tail(String output) {
    return String.join("\n", LastLines.of(output.strip(), TAIL_LINES)).strip();
  }
}
