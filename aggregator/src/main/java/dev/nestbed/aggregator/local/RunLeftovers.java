package dev.nestbed.aggregator.local;

import dev.nestbed.aggregator.vagrant.RunBoxes;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a run left on this machine, found by its run id the way {@code nestbed clean} finds it: its
 * network namespaces, its run directory, guests whose QEMU names the run, and node daemons whose
 * mounts are the run's. Asked after teardown, so that a teardown which left something behind
 * without an error is still caught.
 */
public final class RunLeftovers {
  private RunLeftovers() {}

  /** One line per thing left ("namespace nb-1a2b3c4d-n1"); empty when nothing is. */
  public static List<String> of(RunId runId) {
    ProcessRunner runner = new ProcessRunner();
    String id = runId.value();
    List<String> found = new ArrayList<>();
    runner
        .runAllowingFailure(Command.of("ip", "netns", "list"))
        .stdout()
        .lines()
        .filter(l -> l.startsWith("nb-" + id))
        .forEach(l -> found.add("namespace " + l.split(" ")[0]));
    Path directory = RunDirectories.of(runId);
    if (Files.exists(directory)) {
      found.add("directory " + directory);
    }
    found.addAll(processes(runId, runner));
    RunBoxes.of(runId).forEach(box -> found.add("Vagrant box " + box));
    return found;
  }

  /**
   * The run's processes that still run, one line each ("guest process 4711", "libvirtd process
   * 4712"): what {@link #of} finds but its namespaces and directory.
   */
  static List<String> processes(RunId runId) {
    return processes(runId, new ProcessRunner());
  }

  /**
   * The pid a line of {@link #processes} names ("guest process 4711": 4711); empty for another
   * line.
   */
  static OptionalLong pidOf(String line) {
    String last = line.substring(line.lastIndexOf(' ') + 1);
    return last.matches("[0-9]{1,18}")
        ? OptionalLong.of(Long.parseLong(last))
        : OptionalLong.empty();
  }

  private static List<String> processes(RunId runId, ProcessRunner runner) {
    String id = runId.value();
    List<String> found = new ArrayList<>();
    // Guests carry the run id in their QEMU command line (-name guest=nb-<run>-...).
    runner
        .runAllowingFailure(Command.of("pgrep", "-f", "guest=nb-" + id))
        .stdout()
        .lines()
        .forEach(pid -> found.add("guest process " + pid.strip()));
    // Node daemons carry it in their mounts (the run directory is bound over /run and friends).
    runner
        .runAllowingFailure(Command.of("pgrep", "-x", "libvirtd"))
        .stdout()
        .lines()
        .forEach(
            pid -> {
              try {
                if (Files.readString(Path.of("/proc", pid.strip(), "mountinfo"))
                    .contains("/" + id + "/")) {
                  found.add("libvirtd process " + pid.strip());
                }
              } catch (IOException e) {
                // it exited meanwhile
              }
            });
    // Anything else inside the run's network namespaces: vagrant, the dnsmasq of a network.
    for (NamespaceProcesses.InNamespace inside : NamespaceProcesses.of(runId, runner)) {
      String pid = Long.toString(inside.process().pid());
      if (found.stream().noneMatch(line -> line.endsWith(" " + pid))) {
        found.add(inside.process().program() + " process " + pid);
      }
    }
    return found;
  }
}
