package dev.nestbed.core.process;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.process.TrackedProcess.Seen;
import dev.nestbed.core.wait.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemons nestbed starts detach from it (libvirtd -d), so they are tracked by pid file, not as
 * child processes. A pid file can outlive its process and its pid be given to another, so nothing
 * here signals a bare pid: callers say which process they expect ({@link TrackedProcess}), and a
 * pid that now names another process is left alone as if the expected one were gone, and logged.
 */
public final class Pids {
  private static final Logger log = LoggerFactory.getLogger(Pids.class);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration AFTER_SIGKILL = Duration.ofSeconds(10);

  private Pids() {}

  /** What {@link #stop(TrackedProcess, String, Duration)} did. */
  public enum Outcome {
    /** Nothing but a zombie, or nothing at all, ran at the pid: nothing was signalled. */
    GONE,
    /** Another process has the pid now: it was not signalled (the expected one is gone). */
    NOT_OURS,
    /** It exited after SIGTERM. */
    EXITED,
    /** It outlived the grace period and was killed with SIGKILL. */
    KILLED
  }

  /** The pid in a pid file, if the file exists and holds one. */
  public static OptionalLong read(Path pidFile) {
    try {
      String text = Files.readString(pidFile).strip();
      long pid = text.isEmpty() ? 0 : Long.parseLong(text);
      // 0 and negative pids mean process groups to kill(2), never one process.
      return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * True while some process has this pid and is not a zombie. Says nothing about which process it
   * is; before acting on it, use {@link #find} or {@link #isAlive(TrackedProcess)}.
   */
  public static boolean isRunning(long pid) {
    return Seen.at(pid).map(seen -> !seen.exited()).orElse(false);
  }

  /**
   * The process a pid file names, if it runs {@code program} with {@code argument} (see {@link
   * TrackedProcess}), pinned to the start time it has now so that whatever is done with it later
   * reaches this very process. Empty when the file holds no pid, the process has exited, or the pid
   * now names another process (logged: the file outlived the process it named).
   */
  public static Optional<TrackedProcess> find(Path pidFile, String program, String argument) {
    OptionalLong pid = read(pidFile);
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    TrackedProcess expected = TrackedProcess.expecting(pid.getAsLong(), program, argument);
    Optional<Seen> seen = Seen.at(pid.getAsLong());
    if (seen.isEmpty() || seen.get().exited()) {
      return Optional.empty();
    }
    if (!expected.matches(seen.get())) {
      log.info(
          "pid file {} names pid {}, which is now {}, not {}: left alone",
          pidFile,
          pid.getAsLong(),
          seen.get().describe(),
          expected.expectation());
      return Optional.empty();
    }
    return Optional.of(expected.startedAt(seen.get().startTime()));
  }

  /**
   * The process that has {@code pid} now, pinned to its program and start time: for processes known
   * to be nestbed's by where they run (inside a network namespace a run created) rather than by a
   * pid file. Empty when nothing but a zombie, a kernel thread or nothing runs there.
   */
  public static Optional<TrackedProcess> current(long pid) {
    Optional<Seen> seen = Seen.at(pid);
    if (seen.isEmpty() || seen.get().exited() || seen.get().commandLine().isEmpty()) {
      return Optional.empty();
    }
    String argv0 = seen.get().commandLine().get(0);
    return Optional.of(
        TrackedProcess.expecting(pid, argv0.substring(argv0.lastIndexOf('/') + 1), "")
            .startedAt(seen.get().startTime()));
  }

  /** True while {@code process} runs, is not a zombie and is still the one expected. */
  public static boolean isAlive(TrackedProcess process) {
    return Seen.at(process.pid())
        .map(seen -> !seen.exited() && process.matches(seen))
        .orElse(false);
  }

  /**
   * Sends SIGTERM, waits up to {@code grace} for the process to exit, then SIGKILL and waits again,
   * but only while the pid is still {@code process}: a reused pid is never signalled.
   *
   * @param what how messages name the process, e.g. {@code libvirtd of node n1}
   */
  public static Outcome stop(TrackedProcess process, String what, Duration grace) {
    long pid = process.pid();
    Optional<Seen> seen = Seen.at(pid);
    if (seen.isEmpty() || seen.get().exited()) {
      return Outcome.GONE;
    }
    if (!process.matches(seen.get())) {
      log.warn(
          "{} (pid {}) is gone: pid {} is now {}, not {}; not signalled",
          what,
          pid,
          pid,
          seen.get().describe(),
          process.expectation());
      return Outcome.NOT_OURS;
    }
    // From here on the waits and the SIGKILL concern the process just seen, not a later one.
    TrackedProcess pinned = process.startedAt(seen.get().startTime());
    // A ProcessHandle remembers the start time it saw and the JDK compares it again right before
    // kill(2). Taken before the check below, it names the pinned process: that process already
    // had the pid earlier and still has it after, so it had it in between.
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !isAlive(pinned)) {
      return Outcome.GONE;
    }
    handle.get().destroy();
    try {
      Poll.waitingFor(what + " (pid " + pid + ") to exit")
          .atMost(grace)
          .every(POLL)
          .untilTrue(() -> !isAlive(pinned));
      return Outcome.EXITED;
    } catch (NestbedException stillRunning) {
      handle.get().destroyForcibly();
      Poll.waitingFor(what + " (pid " + pid + ") to die after SIGKILL")
          .atMost(AFTER_SIGKILL)
          .every(POLL)
          .untilTrue(() -> !isAlive(pinned));
      return Outcome.KILLED;
    }
  }
}
