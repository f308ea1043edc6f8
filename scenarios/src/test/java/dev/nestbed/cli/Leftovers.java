package dev.nestbed.cli;

import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a run may leave on this machine, looked up by its run id. */
final class Leftovers {
  private Leftovers() {}

  static List<String> of(String runId) {
    ProcessRunner runner = new ProcessRunner();
    List<String> found = new ArrayList<>();
    runner.run(Command.of("ip", "netns", "list")).stdout().lines()
        .filter(l -> l.startsWith("nb-" + runId)).forEach(l -> found.add("namespace " + l));
    if (Files.exists(RunDirectories.of(new RunId(runId)))) {
      found.add("directory " + RunDirectories.of(new RunId(runId)));
    }
    // Guests carry the run id in their QEMU command line (-name guest=nb-<run>-...).
    runner.runAllowingFailure(Command.of("pgrep", "-a", "-f", "guest=nb-" + runId)).stdout().lines()
        .forEach(l -> found.add("guest " + l));
    // Node daemons carry it in their mounts (the run directory is bound over /run and friends).
    runner.runAllowingFailure(Command.of("pgrep", "-x", "libvirtd")).stdout().lines().forEach(pid -> {
      try {
        if (Files.readString(Path.of("/proc", pid.strip(), "mountinfo")).contains("/" + runId + "/")) {
          found.add("libvirtd " + pid);
        }
      } catch (java.io.IOException e) {
        // exited meanwhile
      }
    });
    return found;
  }
}
