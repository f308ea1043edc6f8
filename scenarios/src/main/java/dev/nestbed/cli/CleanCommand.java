package dev.nestbed.cli;

import dev.nestbed.aggregator.local.LeftoverCleaner;
import dev.nestbed.core.libvirt.LibvirtHost;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nestbed clean}: removes what crashed runs left, by their run-id tags, and nothing else. */
@Command(name = "clean", description = {
    "Remove what killed or crashed runs left behind: node daemons and their guests, network",
    "namespaces and run directories, found by run id. Runs still going are left alone, and so is",
    "anything nestbed did not create. --uri also removes run-tagged domains and run storage pools",
    "from that libvirt."})
final class CleanCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--uri", paramLabel = "URI",
      description = "Also remove domains and storage pools of finished runs from this libvirt (repeatable).")
  List<String> uris = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LeftoverCleaner cleaner = new LeftoverCleaner();
    List<String> report = new ArrayList<>(cleaner.cleanLocal());
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
}
