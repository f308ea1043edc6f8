package dev.nestbed.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestbed.aggregator.container.ContainerLeftovers;
import dev.nestbed.aggregator.local.Leftover;
import dev.nestbed.aggregator.local.LeftoverCleaner;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.run.RunDirectories;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nestbed clean}: removes what crashed runs left, by their run-id tags, and nothing else.
 */
@Command(
    name = "clean",
    description = {
      "Remove what killed runs left behind, and nothing else.",
      "Finds the node daemons and their guests, network namespaces, node containers and their"
          + " Docker networks, and run directories of killed or crashed runs by run id. Runs still"
          + " going are left alone, and so is anything nestbed did not create. --uri also removes run-tagged"
          + " domains and run storage pools from that libvirt. --dry-run lists what would be stopped, removed"
          + " or left alone, found the same way, and does none of it."
    })
final class CleanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--uri",
      paramLabel = "URI",
      description =
          "Also remove domains and storage pools of finished runs from this libvirt (repeatable).")
  List<String> uris = new ArrayList<>();

  @Option(
      names = "--dry-run",
      description = "List what would be stopped, removed or left alone; remove nothing.")
  boolean dryRun;

  @Option(
      names = "--json",
      description = "With --dry-run: print the list as JSON on stdout instead.")
  boolean json;

  @Override
  public Integer call() {
    if (json && !dryRun) {
      throw new ParameterException(
          spec.commandLine(), "--json lists what clean would do: give --dry-run with it");
    }
    PrintWriter out = spec.commandLine().getOut();
    LeftoverCleaner cleaner = new LeftoverCleaner();
    if (dryRun) {
      List<Leftover> found = new ArrayList<>(cleaner.findLocal());
      ContainerLeftovers.onThisMachine(RunDirectories.workRoot())
          .ifPresent(c -> found.addAll(c.find()));
      for (String uri : uris) {
        try (LibvirtHost host = LibvirtHost.connect(uri, uri)) {
          found.addAll(cleaner.findDomains(host));
        }
      }
      if (json) {
        JsonOutput.print(dryRunJson(found), out);
      } else {
        dryRunText(found).forEach(out::println);
        out.flush();
      }
      return ExitCode.OK;
    }
    // Containers first: their node directories, which the run directories hold, are mounted in.
    List<String> report = new ArrayList<>();
    ContainerLeftovers.onThisMachine(RunDirectories.workRoot())
        .ifPresent(c -> report.addAll(c.clean()));
    report.addAll(cleaner.cleanLocal());
    for (String uri : uris) {
      try (LibvirtHost host = LibvirtHost.connect(uri, uri)) {
        report.addAll(cleaner.cleanDomains(host));
      }
    }
    report.forEach(out::println);
    out.println(report.isEmpty() ? "nothing to clean" : "clean: done");
    out.flush();
    return ExitCode.OK;
  }

  /** One line per leftover, then what the real clean would amount to. */
  static List<String> dryRunText(List<Leftover> found) {
    List<String> lines = new ArrayList<>(found.stream().map(Leftover::describe).toList());
    long kept = found.stream().filter(l -> l.action() == Leftover.Action.KEEP).count();
    lines.add(
        found.isEmpty()
            ? "nothing to clean"
            : "dry run: "
                + (found.size() - kept)
                + " to stop or remove, "
                + kept
                + " to leave alone; nothing was done");
    return lines;
  }

  /**
   * Each leftover with its kind, name, run, pid and libvirt URI (null where there is none), the
   * action ({@code stop}, {@code remove}, {@code keep}) and why it is kept.
   */
  static ObjectNode dryRunJson(List<Leftover> found) {
    ObjectNode root = JsonOutput.object().put("dryRun", true);
    ArrayNode list = root.putArray("leftovers");
    for (Leftover leftover : found) {
      ObjectNode item =
          list.addObject()
              .put("kind", leftover.kind().label())
              .put("name", leftover.name())
              .put("run", leftover.run());
      if (leftover.pid().isPresent()) {
        item.put("pid", leftover.pid().getAsLong());
      } else {
        item.putNull("pid");
      }
      item.put("host", leftover.host())
          .put("action", leftover.action().label())
          .put("reason", leftover.reason());
    }
    return root.put("exitCode", ExitCode.OK);
  }
}
