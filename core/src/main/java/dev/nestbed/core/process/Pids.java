package dev.nestbed.core.process;

import dev.nestbed.core.wait.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Daemons nestbed starts detach from it (libvirtd -d), so they are tracked by pid file, not as
 * child processes. This reads pid files and stops such processes.
 */
public final class Pids {
  private Pids() {}

  /** The pid in a pid file, if the file exists and holds one. */
  public static OptionalLong read(Path pidFile) {
    try {
      String text = Files.readString(pidFile).strip();
      return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** True while the process exists and is not a zombie (a zombie has exited; only its entry is left). */
  public static boolean isRunning(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The state is the first field after the parenthesised command name, which may hold spaces.
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | IndexOutOfBoundsException e) {
      return false;
    }
  }

  /**
   * Sends SIGTERM, waits up to {@code grace} for the process to exit, then SIGKILL and waits again.
   * Returns true when the process had to be killed.
   */
  public static boolean stop(long pid, String what, Duration grace) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !isRunning(pid)) {
      return false;
    }
    handle.get().destroy();
    try {
      Poll.waitingFor(what + " (pid " + pid + ") to exit").atMost(grace).every(Duration.ofMillis(50))
          .untilTrue(() -> !isRunning(pid));
      return false;
    } catch (RuntimeException stillRunning) {
      handle.get().destroyForcibly();
      Poll.waitingFor(what + " (pid " + pid + ") to die after SIGKILL").atMost(Duration.ofSeconds(10))
          .every(Duration.ofMillis(50)).untilTrue(() -> !isRunning(pid));
      return true;
    }
  }
}
