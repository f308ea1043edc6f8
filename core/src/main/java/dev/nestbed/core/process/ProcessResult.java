package dev.nestbed.core.process;

import java.time.Duration;

/** What a finished program left behind: exit code, captured output, and how long it ran. */
public record ProcessResult(
    Command command, int exitCode, String stdout, String stderr, Duration elapsed) {

  public boolean succeeded() {
    return exitCode == 0;
  }
}
