package dev.nestbed.aggregator.local;

import dev.nestbed.aggregator.vagrant.RunBoxes;
import dev.nestbed.core.io.FileTrees;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.RunStoragePool;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.Pids;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.run.WorkRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes what crashed runs left behind, found by their run ids: node daemons and their guests,
 * network namespaces, run directories, and (given a libvirt URI) run-tagged domains. A run that is
 * still going (its workspace lock is held) is left alone, and so is everything without a tag. Node
 * daemons and guests are stopped by their pid files only while those still name the processes the
 * run started (see {@code NodeDaemon}), and only under a work root that is the user's own ({@link
 * WorkRoot}): a pid file someone else could have written is never acted on. A run directory is
 * removed only once no process of its run runs any more: it is what a later clean finds them by.
 * {@link #findLocal} and {@link #findDomains} foresee all of that, found the same way, and do none
 * of it ({@code nestbed clean --dry-run}).
 */
public final class LeftoverCleaner {
  private static final Pattern RUN_DIR = Pattern.compile("[0-9a-f]{8}");
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Pattern NAMESPACE = Pattern.compile("nb-([0-9a-f]{8})-[a-z0-9-]+");

  private final Path workRoot;
  private final Function<RunId, List<String>> stillRunning;
  private final ProcessRunner runner = new ProcessRunner();

  public LeftoverCleaner() {
    this(RunDirectories.workRoot(), RunLeftovers::processes);
  }

  /**
   * @param stillRunning the processes of a run that still run, one line each (see {@link
   *     RunLeftovers#processes})
   */
  LeftoverCleaner(Path workRoot, Function<RunId, List<String>> stillRunning) {
    this.workRoot = workRoot;
    this.stillRunning = stillRunning;
  }

  /**
   * Cleans the local leftovers; returns one line per thing removed or left alone. Refuses (a {@link
   * dev.nestbed.core.NestbedException}) a work root that is not safe to trust.
   */
  public List<String> cleanLocal() {
    WorkRoot.prepare(workRoot);
    List<String> report = new ArrayList<>();
    Set<String> active = new HashSet<>();
    Set<String> kept = new HashSet<>();
    for (Path dir : runDirectories()) {
      String run = dir.getFileName().toString();
      if (RunWorkspace.isActive(dir)) {
        active.add(run);
        report.add("left run " + run + " alone: it is still running (pid " + owner(dir) + ")");
        continue;
      }
      if (!cleanRun(dir, report)) {
        kept.add(run);
      }
    }
    for (RunNamespace namespace : namespacesOfRunsNotGoing(active)) {
      if (kept.contains(namespace.run())) {
        report.add(
            "left network namespace "
                + namespace.name()
                + ": processes of run "
                + namespace.run()
                + " still run");
      } else {
        runner.runAllowingFailure(Command.of("ip", "netns", "del", namespace.name()));
        report.add("removed network namespace " + namespace.name());
      }
    }
    return report;
  }

  /**
   * What {@link #cleanLocal()} would do, found the same way, with nothing done: no process is
   * signalled, nothing is removed, and an absent work root is not created. Whether a run's
   * directory would go is foreseen from the processes of the run that no pid file names, which
   * clean would not stop. Refuses a work root that is not safe to trust, as clean does.
   */
  public List<Leftover> findLocal() {
    List<Leftover> found = new ArrayList<>();
    Set<String> active = new HashSet<>();
    Set<String> kept = new HashSet<>();
    if (Files.exists(workRoot, LinkOption.NOFOLLOW_LINKS)) {
      WorkRoot.prepare(workRoot);
      for (Path dir : runDirectories()) {
        String run = dir.getFileName().toString();
        if (RunWorkspace.isActive(dir)) {
          active.add(run);
          found.add(
              Leftover.kept(
                  Leftover.Kind.RUN,
                  dir.toString(),
                  run,
                  OptionalLong.empty(),
                  "it is still running (pid " + owner(dir) + ")"));
        } else if (!surveyRun(dir, found)) {
          kept.add(run);
        }
      }
    }
    for (RunNamespace namespace : namespacesOfRunsNotGoing(active)) {
      found.add(
          kept.contains(namespace.run())
              ? Leftover.kept(
                  Leftover.Kind.NAMESPACE,
                  namespace.name(),
                  namespace.run(),
                  OptionalLong.empty(),
                  "processes of run " + namespace.run() + " would still run")
              : Leftover.removable(
                  Leftover.Kind.NAMESPACE, namespace.name(), namespace.run(), null));
    }
    return found;
  }

  /**
   * {@link #cleanRun} foreseen: adds what it would do to {@code found}; returns whether the
   * directory would go.
   */
  boolean surveyRun(Path dir, List<Leftover> found) {
    String run = dir.getFileName().toString();
    Set<Long> stopped = new HashSet<>();
    for (Path node : nodeDirectories(dir.resolve("nodes"))) {
      for (Leftover process : daemon(run, node).survey(run)) {
        found.add(process);
        if (process.action() == Leftover.Action.STOP) {
          stopped.add(process.pid().getAsLong());
        }
      }
    }
    for (NamespaceProcesses.InNamespace inside : NamespaceProcesses.of(new RunId(run), runner)) {
      if (stopped.add(inside.process().pid())) {
        found.add(
            Leftover.process(
                Leftover.Kind.PROCESS,
                inside.process().program() + " in network namespace " + inside.namespace(),
                run,
                inside.process().pid()));
      }
    }
    List<String> running =
        stillRunning.apply(new RunId(run)).stream()
            .filter(line -> RunLeftovers.pidOf(line).stream().noneMatch(stopped::contains))
            .toList();
    if (!running.isEmpty()) {
      found.add(
          Leftover.kept(
              Leftover.Kind.DIRECTORY,
              dir.toString(),
              run,
              OptionalLong.empty(),
              "processes of the run that no pid file names would still run: "
                  + String.join(", ", running)
                  + "; stop them by hand, then run 'nestbed clean'"));
      return false;
    }
    found.add(Leftover.removable(Leftover.Kind.DIRECTORY, dir.toString(), run, null));
    RunBoxes.of(new RunId(run))
        .forEach(
            box ->
                found.add(Leftover.removable(Leftover.Kind.DIRECTORY, box.toString(), run, null)));
    return true;
  }

  /**
   * Stops the node daemons of a run that is not going any more, reporting what each stop did, and
   * removes its directory unless a process of the run still runs: the directory holds the pid files
   * and sockets by which a later clean finds that process, so removing it would orphan the process
   * for good. Returns whether the directory was removed.
   */
  boolean cleanRun(Path dir, List<String> report) {
    String run = dir.getFileName().toString();
    List<ProcessStop> leftAlone = new ArrayList<>();
    for (Path node : nodeDirectories(dir.resolve("nodes"))) {
      String name = node.getFileName().toString();
      for (ProcessStop stop : daemon(run, node).stop()) {
        report.add("node " + name + " of run " + run + ": " + stop.describe());
        if (stop.outcome() == ProcessStop.Outcome.LEFT_ALONE) {
          leftAlone.add(stop);
        }
      }
    }
    // After the daemons: what they started outside libvirt's view (dnsmasq), and what the run ran
    // in its namespaces itself (vagrant, which would otherwise go on creating machines).
    for (NamespaceProcesses.InNamespace inside : NamespaceProcesses.of(new RunId(run), runner)) {
      Pids.Outcome outcome = Pids.stop(inside.process(), inside.describe(), STOP_GRACE);
      if (outcome == Pids.Outcome.EXITED || outcome == Pids.Outcome.KILLED) {
        report.add("stopped " + inside.describe() + " of run " + run);
      }
    }
    List<String> running = stillRunning.apply(new RunId(run));
    if (!running.isEmpty()) {
      String pids =
          leftAlone.stream()
              .map(s -> Long.toString(s.pid().orElseThrow()))
              .collect(Collectors.joining(", "));
      String why =
          leftAlone.isEmpty()
              ? "no pid file of the run named them as running"
              : leftAlone.size() == 1
                  ? "pid "
                      + pids
                      + " was left alone: its command line was not the one its pid file promised"
                  : "pids "
                      + pids
                      + " were left alone: their command lines were not the ones their pid files promised";
      report.add(
          "kept "
              + dir
              + ": still running after its nodes were stopped: "
              + String.join(", ", running)
              + " ("
              + why
              + "); a later 'nestbed clean' finds them through this directory, so stop them by hand,"
              + " then run 'nestbed clean' again");
      return false;
    }
    FileTrees.delete(dir);
    report.add("removed " + dir);
    // the box a run on another host's libvirt added under its own name (Vagrant's home is a cache)
    for (Path box : RunBoxes.of(new RunId(run))) {
      FileTrees.delete(box);
      report.add("removed Vagrant box " + box);
    }
    return true;
  }

  /** Destroys and undefines the domains on {@code host} tagged by runs that are not running. */
  public List<String> cleanDomains(LibvirtHost host) {
    List<String> report = new ArrayList<>();
    for (TaggedDomain tagged : domainsOfRunsNotGoing(host)) {
      tagged.domain().destroyAndUndefine();
      report.add(
          "removed domain "
              + tagged.domain().name()
              + " of run "
              + tagged.run()
              + " from "
              + host.name());
    }
    for (String pool : poolsOfRunsNotGoing(host)) {
      RunStoragePool.removeLeftover(host, pool);
      report.add(
          "removed storage pool "
              + pool
              + " of run "
              + RunStoragePool.runOf(pool)
              + " (its volumes and directory) from "
              + host.name());
    }
    return report;
  }

  /**
   * What {@link #cleanDomains} would remove from {@code host}, found the same way, with nothing
   * removed.
   */
  public List<Leftover> findDomains(LibvirtHost host) {
    List<Leftover> found = new ArrayList<>();
    for (TaggedDomain tagged : domainsOfRunsNotGoing(host)) {
      found.add(
          Leftover.removable(
              Leftover.Kind.DOMAIN, tagged.domain().name(), tagged.run().value(), host.name()));
    }
    for (String pool : poolsOfRunsNotGoing(host)) {
      found.add(
          Leftover.removable(
              Leftover.Kind.STORAGE_POOL, pool, RunStoragePool.runOf(pool).value(), host.name()));
    }
    return found;
  }

  /** A domain tagged with the id of a run that is not going. */
  private record TaggedDomain(LibvirtDomain domain, RunId run) {}

  private List<TaggedDomain> domainsOfRunsNotGoing(LibvirtHost host) {
    List<TaggedDomain> found = new ArrayList<>();
    for (LibvirtDomain domain : host.domains()) {
      domain
          .runTag()
          .map(RunTag::runId)
          .filter(run -> !isActive(run))
          .ifPresent(run -> found.add(new TaggedDomain(domain, run)));
    }
    return found;
  }

  private List<String> poolsOfRunsNotGoing(LibvirtHost host) {
    return RunStoragePool.runPools(host).stream()
        .filter(pool -> !isActive(RunStoragePool.runOf(pool)))
        .toList();
  }

  /** A network namespace named after a run ({@code nb-<run>-<node>}). */
  private record RunNamespace(String name, String run) {}

  /** The namespaces named after runs, but those of the runs in {@code active}. */
  private List<RunNamespace> namespacesOfRunsNotGoing(Set<String> active) {
    List<RunNamespace> found = new ArrayList<>();
    for (String namespace : namespaces()) {
      Matcher m = NAMESPACE.matcher(namespace);
      if (m.matches() && !active.contains(m.group(1))) {
        found.add(new RunNamespace(namespace, m.group(1)));
      }
    }
    return found;
  }

  private NodeDaemon daemon(String run, Path node) {
    String name = node.getFileName().toString();
    return new NodeDaemon(name, "nb-" + run + "-" + name, node, runner);
  }

  private boolean isActive(RunId run) {
    return RunWorkspace.isActive(workRoot.resolve(run.value()));
  }

  private List<Path> runDirectories() {
    return subdirectories(workRoot).stream()
        .filter(d -> RUN_DIR.matcher(d.getFileName().toString()).matches())
        .toList();
  }

  /**
   * The node directories of a run: those of its local nodes directly under {@code nodes/}, and one
   * level further those of the daemons a provider started for itself ({@code nodes/host/vagrant},
   * the libvirtd the Vagrant machines run on). A node directory is one with a node's state in it
   * ({@code run/} or {@code etc/}).
   */
  private static List<Path> nodeDirectories(Path nodes) {
    List<Path> found = new ArrayList<>();
    for (Path dir : subdirectories(nodes)) {
      if (isNode(dir)) {
        found.add(dir);
      } else {
        subdirectories(dir).stream().filter(LeftoverCleaner::isNode).forEach(found::add);
      }
    }
    return found;
  }

  private static boolean isNode(Path dir) {
    return Files.isDirectory(dir.resolve("run"), LinkOption.NOFOLLOW_LINKS)
        || Files.isDirectory(dir.resolve("etc"), LinkOption.NOFOLLOW_LINKS);
  }

  private static List<Path> subdirectories(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private List<String> namespaces() {
    return runner
        .run(Command.of("ip", "netns", "list"))
        .stdout()
        .lines()
        .map(line -> line.split(" ")[0])
        .filter(name -> name.startsWith("nb-"))
        .toList();
  }

  private static String owner(Path dir) {
    try {
      return Files.readString(dir.resolve("owner")).strip();
    } catch (IOException e) {
      return "?";
    }
  }
}
