package dev.nestbed.cli;

import dev.nestbed.aggregator.pool.Cell;
import dev.nestbed.aggregator.pool.PoolPlan;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import dev.nestbed.partitioner.PartitionDomainXml;
import dev.nestbed.partitioner.PartitionSpec;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nestbed plan FILE}: what a run would build, without building it. */
@Command(name = "plan", description = {
    "Show what a scenario would build: nodes, pools with cells and NUMA distances, and where",
    "each partition is placed (admission control runs here). --xml adds each partition's domain XML."})
final class PlanCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The scenario YAML.")
  Path file;

  @Option(names = "--xml", description = "Print the libvirt domain XML of every partition.")
  boolean xml;

  @Override
  public Integer call() {
    LoadedScenario loaded = LoadedScenario.loadOrReport(file, spec.commandLine().getErr());
    if (loaded == null) {
      return ExitCode.INVALID;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("scenario %s%n", loaded.spec().name());
    if (loaded.plan().nodes().isEmpty()) {
      out.printf("%nnodes: none (every pool adopts a machine by uri)%n");
    } else {
      out.printf("%nnodes (provider %s):%n", loaded.spec().nodes().provider());
    }
    loaded.plan().nodes().forEach(n -> out.printf("  %-12s %2d CPU  %s%n", n.name(), n.cpus(), n.memory()));
    for (PoolPlan pool : loaded.plan().pools()) {
      PoolSpec declared = loaded.spec().pool(pool.name()).orElseThrow();
      if (declared.adoptsByUri()) {
        out.printf("%npool %s (backend %s): adopts the machine at %s%n", pool.name(), pool.backend(), declared.uri());
        out.printf("  cells: discovered at run time from its libvirt's capabilities, each less the %s reserve;%n"
            + "  its partitions are placed and admitted then, before any starts%n", pool.reservePerNode());
        continue;
      }
      out.printf("%npool %s (backend %s): %d CPU, %s in %d cells%n", pool.name(), pool.backend(), pool.totalCpus(),
          pool.totalMemory(), pool.cells().size());
      for (int i = 0; i < pool.cells().size(); i++) {
        Cell cell = pool.cells().get(i);
        out.printf("  cell %d = %-8s %2d CPU  %-9s distances %s%n", i, cell.node(), cell.cpus(), cell.memory(),
            pool.distances().get(i));
      }
      pool.spares().forEach(s -> out.printf("  spare    %-8s %2d CPU  %s (room reserved)%n", s.node(), s.cpus(), s.memory()));
    }
    out.printf("%npartitions:%n");
    for (PartitionDecl p : loaded.spec().partitions()) {
      Placement placement = loaded.plan().placement(p.name());
      String cells = !placement.awaitsDiscovery() ? String.join("+", placement.cells())
          : p.cells().isEmpty() ? "at run time" : String.join("+", p.cells()) + " (checked at run time)";
      out.printf("  %-10s pool %-8s cells %-10s %d/%d vCPU  %s/%s%n", p.name(), placement.pool(), cells, p.vcpus(),
          p.maxVcpus(), p.memory(), p.maxMemory());
    }
    if (xml) {
      printXml(loaded, out);
    }
    out.flush();
    return ExitCode.OK;
  }

  private static void printXml(LoadedScenario loaded, PrintWriter out) {
    RunId example = new RunId("00000000");
    GuestImage image = new GuestImage(Path.of("<cache>/kernel"), Path.of("<cache>/initramfs.cpio"), "<hash>");
    Accelerator accelerator = Accelerator.tcg("plan");
    for (PartitionDecl p : loaded.spec().partitions()) {
      PartitionSpec partition = new PartitionSpec(p.name(), p.vcpus(), p.maxVcpus(), p.memory(), p.maxMemory(),
          p.workload().workingSet(), p.workload().dirtyRate());
      Path dir = Path.of("<run>/partitions", p.name());
      out.printf("%n<!-- partition %s (run id, paths and accelerator are filled in at run time) -->%n", p.name());
      out.print(PartitionDomainXml.render(example.qualify(p.name()), new RunTag(example, "partition", p.name()),
          partition, image, accelerator, new PartitionDomainXml.Paths(dir.resolve("console.log"))));
    }
  }
}
