package dev.nestbed.core.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs external programs (ip, qemu-img, build scripts, ...) with a timeout and captured output.
 * Every program nestbed starts goes through here, so failures always read the same way.
 */
public final class ProcessRunner {
  private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);

  /** Runs the command and fails with {@link ProcessFailedException} unless it exits 0. */
  public ProcessResult run(Command command) {
    ProcessResult result = execute(command);
    if (!result.succeeded()) {
      throw ProcessFailedException.exited(result);
    }
    return result;
  }

  /**
   * Runs the command and returns its result whatever the exit code; still fails when it cannot
   * start or times out, since then there is no result to judge.
   */
  public ProcessResult runAllowingFailure(Command command) {
    return execute(command);
  }

  private ProcessResult execute(Command command) {
    CommandLine line = new CommandLine(command.program());
    command.argv().stream().skip(1).forEach(arg -> line.addArgument(arg, false));

    ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(command.timeout()).get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    DefaultExecutor.Builder<?> builder = DefaultExecutor.builder();
    command.workingDirectory().ifPresent(dir -> builder.setWorkingDirectory(dir.toFile()));
    DefaultExecutor executor = builder.get();
    executor.setExitValues(null);
    executor.setWatchdog(watchdog);
    LineTee tee = command.lineConsumer().map(each -> new LineTee(out, each)).orElse(null);
    executor.setStreamHandler(new PumpStreamHandler(tee == null ? out : tee, err));

    log.debug("running: {}", command);
    long started = System.nanoTime();
    int exitCode;
    try {
      exitCode = executor.execute(line, environment(command));
    } catch (IOException e) {
      throw ProcessFailedException.couldNotStart(command, e);
    } finally {
      if (tee != null) {
        tee.close(); // the last line, when it has no end (the pumps have stopped by now)
      }
    }
    ProcessResult result =
        new ProcessResult(
            command,
            exitCode,
            out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8),
            Duration.ofNanos(System.nanoTime() - started));
    log.debug(
        "'{}' exited {} after {} ms", command.program(), exitCode, result.elapsed().toMillis());
    if (watchdog.killedProcess()) {
      throw ProcessFailedException.timedOut(result);
    }
    return result;
  }

  /** Keeps every byte, and hands each complete line (UTF-8, without its end) to a consumer. */
  private static final class LineTee extends java.io.OutputStream {
    private final ByteArrayOutputStream all;
    private final java.util.function.Consumer<String> eachLine;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineTee(ByteArrayOutputStream all, java.util.function.Consumer<String> eachLine) {
      this.all = all;
      this.eachLine = eachLine;
    }

    @Override
    public void write(int b) {
      all.write(b);
      if (b == '\n') {
        flushLine();
      } else {
        line.write(b);
      }
    }

    @Override
    public void close() {
      if (line.size() > 0) {
        flushLine();
      }
    }

    private void flushLine() {
      String text = line.toString(StandardCharsets.UTF_8).replaceFirst("\r$", "");
      line.reset();
      try {
        eachLine.accept(text);
      } catch (RuntimeException e) {
        log.warn("a consumer of output lines failed on '{}': {}", text, e.toString());
      }
    }
  }

  private static @Nullable Map<String, String> environment(Command command) {
    if (command.environment().isEmpty()) {
      return null; // inherit the JVM's environment unchanged
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(command.environment());
    return env;
  }
}
