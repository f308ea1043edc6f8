package dev.nestbed.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A process nestbed may signal, described by what it must be rather than by its pid alone: a pid is
 * reused once its process exits, so a pid file that outlived its daemon (a crashed run, a daemon
 * that died) can name anybody's process. {@link Pids} signals only a process that runs {@code
 * program}, has {@code argument} on its command line and, when known, started at {@code startTime}.
 *
 * @param pid the process id
 * @param program what the base name of its {@code argv[0]} starts with, e.g. {@code libvirtd} or
 *     {@code qemu-system-}
 * @param argument an argument only this process has (one that names the run's directory or the
 *     run's domain): some argument must equal it or begin with it followed by a comma (QEMU's
 *     {@code -name guest=NAME,debug-threads=on}); empty requires none
 * @param startTime when it started, in clock ticks after boot (field 22 of {@code /proc/PID/stat});
 *     empty accepts any start time
 */
public record TrackedProcess(long pid, String program, String argument, OptionalLong startTime) {
  public TrackedProcess {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(argument, "argument");
    Objects.requireNonNull(startTime, "startTime");
    if (pid <= 0) {
      throw new IllegalArgumentException("pid " + pid + " is not a process id");
    }
  }

  /** A process known by its program and argument, whatever its start time. */
  public static TrackedProcess expecting(long pid, String program, String argument) {
    return new TrackedProcess(pid, program, argument, OptionalLong.empty());
  }

  /** The same expectation, pinned to one start time. */
  public TrackedProcess startedAt(long ticks) {
    return new TrackedProcess(pid, program, argument, OptionalLong.of(ticks));
  }

  /** "libvirtd with /x/etc/libvirtd.conf, started at tick 123", for log lines. */
  String expectation() {
    return program
        + (argument.isEmpty() ? "" : " with " + argument)
        + (startTime.isPresent() ? ", started at tick " + startTime.getAsLong() : "");
  }

  /** Whether {@code seen} (what runs at the pid now) is this process. */
  boolean matches(Seen seen) {
    List<String> args = seen.commandLine();
    if (args.isEmpty() || !baseName(args.get(0)).startsWith(program)) {
      return false;
    }
    if (startTime.isPresent() && startTime.getAsLong() != seen.startTime()) {
      return false;
    }
    return argument.isEmpty()
        || args.stream().skip(1).anyMatch(a -> a.equals(argument) || a.startsWith(argument + ","));
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * What runs at a pid now, read from {@code /proc}.
   *
   * @param state the one-letter state (R, S, D, Z, ...)
   * @param startTime clock ticks after boot
   * @param commandLine its arguments, {@code argv[0]} first; empty for a kernel thread
   */
  record Seen(char state, long startTime, List<String> commandLine) {
    boolean exited() {
      // A zombie has exited; only its entry is left until its parent reaps it.
      return state == 'Z' || state == 'X';
    }

    /** The process at {@code pid}; empty when there is none. */
    static Optional<Seen> at(long pid) {
      Path proc = Path.of("/proc", Long.toString(pid));
      try {
        String stat = Files.readString(proc.resolve("stat"));
        byte[] cmdline = Files.readAllBytes(proc.resolve("cmdline"));
        return Optional.of(parse(stat, cmdline));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    /** {@code /proc/PID/stat} and {@code /proc/PID/cmdline} as they are read. */
    static Seen parse(String stat, byte[] cmdline) {
      // The command name in parentheses may hold spaces and ')': the fields start after the last
      // ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
      // fields[0] is field 3 (state) of proc(5), so field 22 (starttime) is fields[19].
      long started = Long.parseLong(fields[19]);
      String text = new String(cmdline, StandardCharsets.UTF_8);
      List<String> args = text.isEmpty() ? List.of() : Arrays.asList(text.split("\0"));
      return new Seen(fields[0].charAt(0), started, args);
    }

    /** "sleep 30 (started at tick 4711)", for log lines. */
    String describe() {
      String command = String.join(" ", commandLine);
      if (command.isEmpty()) {
        command = "a kernel thread";
      } else if (command.length() > 120) {
        command = command.substring(0, 120) + "...";
      }
      return command + " (started at tick " + startTime + ")";
    }
  }
}
