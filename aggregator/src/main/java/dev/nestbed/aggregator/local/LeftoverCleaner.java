package dev.nestbed.aggregator.local;

import dev.nestbed.core.io.FileTrees;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.run.WorkRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Removes what crashed runs left behind, found by their run ids: node daemons and their guests,
 * network namespaces, run directories, and (given a libvirt URI) run-tagged domains. A run that
 * is still going (its workspace lock is held) is left alone, and so is everything without a tag.
 * Node daemons and guests are stopped by their pid files only while those still name the
 * processes the run started (see {@code NodeDaemon}), and only under a work root that is the
 * user's own ({@link WorkRoot}): a pid file someone else could have written is never acted on.
 */
public final class LeftoverCleaner {
  private static final Pattern RUN_DIR = Pattern.compile("[0-9a-f]{8}");
  private static final Pattern NAMESPACE = Pattern.compile("nb-([0-9a-f]{8})-[a-z0-9-]+");

  private final Path workRoot;
  private final ProcessRunner runner = new ProcessRunner();

  public LeftoverCleaner() {
    this(RunDirectories.workRoot());
  }

  LeftoverCleaner(Path workRoot) {
    this.workRoot = workRoot;
  }

  /**
   * Cleans the local leftovers; returns one line per thing removed or left alone. Refuses (a
   * {@link dev.nestbed.core.NestbedException}) a work root that is not safe to trust.
   */
  public List<String> cleanLocal() {
    WorkRoot.prepare(workRoot);
    List<String> report = new ArrayList<>();
    Set<String> active = new HashSet<>();
    for (Path dir : runDirectories()) {
      String run = dir.getFileName().toString();
      if (RunWorkspace.isActive(dir)) {
        active.add(run);
        report.add("left run " + run + " alone: it is still running (pid " + owner(dir) + ")");
        continue;
      }
      for (Path node : subdirectories(dir.resolve("nodes"))) {
        String name = node.getFileName().toString();
        new NodeDaemon(name, "nb-" + run + "-" + name, node, runner).stop();
        report.add("stopped node " + name + " of run " + run + " and its guests");
      }
      FileTrees.delete(dir);
      report.add("removed " + dir);
    }
    for (String namespace : namespaces()) {
      Matcher m = NAMESPACE.matcher(namespace);
      if (m.matches() && !active.contains(m.group(1))) {
        runner.runAllowingFailure(Command.of("ip", "netns", "del", namespace));
        report.add("removed network namespace " + namespace);
      }
    }
    return report;
  }

  /** Destroys and undefines the domains on {@code host} tagged by runs that are not running. */
  public List<String> cleanDomains(LibvirtHost host) {
    List<String> report = new ArrayList<>();
    for (LibvirtDomain domain : host.domains()) {
      domain.runTag().map(RunTag::runId).filter(run -> !isActive(run)).ifPresent(run -> {
        domain.destroyAndUndefine();
        report.add("removed domain " + domain.name() + " of run " + run + " from " + host.name());
      });
    }
    return report;
  }

  private boolean isActive(RunId run) {
    return RunWorkspace.isActive(workRoot.resolve(run.value()));
  }

  private List<Path> runDirectories() {
    return subdirectories(workRoot).stream()
        .filter(d -> RUN_DIR.matcher(d.getFileName().toString()).matches()).toList();
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
    return runner.run(Command.of("ip", "netns", "list")).stdout().lines()
        .map(line -> line.split(" ")[0]).filter(name -> name.startsWith("nb-")).toList();
  }

  private static String owner(Path dir) {
    try {
      return Files.readString(dir.resolve("owner")).strip();
    } catch (IOException e) {
      return "?";
    }
  }
}
