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
    executor.setStreamHandler(new PumpStreamHandler(out, err));

    log.debug("running: {}", command);
    long started = System.nanoTime();
    int exitCode;
    try {
      exitCode = executor.execute(line, environment(command));
    } catch (IOException e) {
      throw ProcessFailedException.couldNotStart(command, e);
    }
    ProcessResult result = new ProcessResult(command, exitCode,
        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - started));
    log.debug("'{}' exited {} after {} ms", command.program(), exitCode, result.elapsed().toMillis());
    if (watchdog.killedProcess()) {
      throw ProcessFailedException.timedOut(result);
    }
    return result;
  }

  private static Map<String, String> environment(Command command) {
    if (command.environment().isEmpty()) {
      return null; // inherit the JVM's environment unchanged
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(command.environment());
    return env;
  }
}
