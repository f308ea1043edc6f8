package dev.nestbed.aggregator.local;

import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.Pids;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.process.TrackedProcess;
import dev.nestbed.core.run.RunId;
import java.util.List;
import java.util.Optional;

/**
 * The processes inside the network namespaces of one run: what its node daemons started there
 * (guests, the dnsmasq of a network a node defined) and what the run itself ran there ({@code
 * vagrant}, which goes on creating machines when the run that started it is killed). A namespace
 * named after a run was made by that run, so whatever runs in it is the run's: a crashed run's are
 * found here whether or not a pid file names them, and {@code nestbed clean} stops them after the
 * node daemons.
 */
final class NamespaceProcesses {
  private NamespaceProcesses() {}

  /** One process, and the namespace it runs in. */
  record InNamespace(String namespace, TrackedProcess process) {
    /** "vagrant (pid 4711) in network namespace nb-1a2b3c4d-vagrant". */
    String describe() {
      return process.program() + " (pid " + process.pid() + ") in network namespace " + namespace;
    }
  }

  /** The run's network namespaces ({@code nb-RUN-...}). */
  static List<String> namespacesOf(RunId run, ProcessRunner runner) {
    return runner
        .runAllowingFailure(Command.of("ip", "netns", "list"))
        .stdout()
        .lines()
        .map(line -> line.split(" ")[0])
        .filter(name -> name.startsWith("nb-" + run.value() + "-"))
        .toList();
  }

  /**
   * Every process that runs inside one of the run's network namespaces now, pinned to its start
   * time.
   */
  static List<InNamespace> of(RunId run, ProcessRunner runner) {
    return namespacesOf(run, runner).stream()
        .flatMap(
            namespace ->
                runner
                    .runAllowingFailure(Command.of("ip", "netns", "pids", namespace))
                    .stdout()
                    .lines()
                    .map(String::strip)
                    .filter(pid -> pid.matches("[1-9][0-9]{0,17}"))
                    .map(pid -> Pids.current(Long.parseLong(pid)))
                    .flatMap(Optional::stream)
                    .map(process -> new InNamespace(namespace, process)))
        .toList();
  }
}
