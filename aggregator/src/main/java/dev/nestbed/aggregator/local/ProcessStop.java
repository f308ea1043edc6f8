package dev.nestbed.aggregator.local;

import java.util.OptionalLong;

/**
 * What {@link NodeDaemon#stop()} did with one process that a pid file of the node names, told as it
 * was: {@code nestbed clean} reports it, and decides from it whether the run is gone.
 *
 * @param process how the report names it, e.g. {@code libvirtd} or {@code the QEMU of
 *     nb-1a2b3c4d-p1}
 * @param outcome what was done
 * @param pid the pid its file held; empty when the file held none
 */
record ProcessStop(String process, Outcome outcome, OptionalLong pid) {
  /** What was done with the process. */
  enum Outcome {
    /** It ran and runs no more: signalled, or destroyed through its libvirtd. */
    STOPPED,
    /** Nothing ran at the pid (or the file held none): nothing was signalled. */
    NOT_RUNNING,
    /**
     * The process at the pid does not have this one's command line: it was not signalled. Most
     * often the pid was given to another process; it may also be this one, changed.
     */
    LEFT_ALONE
  }

  static ProcessStop stopped(String process, long pid) {
    return new ProcessStop(process, Outcome.STOPPED, OptionalLong.of(pid));
  }

  static ProcessStop notRunning(String process, OptionalLong pid) {
    return new ProcessStop(process, Outcome.NOT_RUNNING, pid);
  }

  static ProcessStop leftAlone(String process, long pid) {
    return new ProcessStop(process, Outcome.LEFT_ALONE, OptionalLong.of(pid));
  }

  /** "stopped libvirtd (pid 4711)", for the report of {@code nestbed clean}. */
  String describe() {
    String at = pid.isPresent() ? "pid " + pid.getAsLong() : "no pid in its pid file";
    return switch (outcome) {
      case STOPPED -> "stopped " + process + " (" + at + ")";
      case NOT_RUNNING -> process + " was not running (" + at + ")";
      case LEFT_ALONE ->
          "left "
              + at
              + " alone: the pid file of "
              + process
              + " names it, but its command line is"
              + " another process's";
    };
  }
}
