package dev.nestbed.cli;

import dev.nestbed.aggregator.pool.Cell;
import dev.nestbed.aggregator.pool.PoolPlan;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.run.PlannedDomains;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nestbed plan FILE}: what a run would build, without building it. */
@Command(
    name = "plan",
    description = {
      "Show what a scenario would build, without building or starting anything.",
      "Prints the nodes, the pools with their cells and NUMA distances, and where each partition",
      "is placed (admission control runs here); --json prints the same facts as JSON.",
      "",
      "--xml prints instead, and nothing else on stdout, the libvirt domain XML the run defines,",
      "rendered by the run's own code: the L1 of each nested pool (defined on its first node),",
      "then each partition (defined in its pool's libvirt). Each document starts on a line of",
      "its own with <domain. A partition is defined already bound to its cells: for one in a",
      "nested pool the definition carries its vCPU and emulator pinning, its <numatune> and its",
      "kernel command line; none of that is applied after defining. Only later steps re-bind it,",
      "live (move, rebalance, remove-node with evacuate; migrate defines it anew in the other pool).",
      "00000000 stands for the run id (random in a real run); paths are those the run uses:",
      "images in the image cache (built or not), files in the run directory under the work root",
      "(NESTBED_WORK), inside an L1 or on a remote host where the run puts them there. Until the",
      "hypervisor image is built, the L1's kernel command line is a sentence saying so (it names",
      "the root filesystem the build makes). Partitions of pools adopted by uri are left out",
      "(their cells are read at run time); stderr says so."
    })
final class PlanCommand implements Callable<Integer> {
  /** Stands for the run id, which a real run draws at random. */
  static final RunId RUN_ID = new RunId("00000000");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The scenario YAML.")
  Path file;

  @Option(
      names = "--xml",
      description = "Print only the libvirt domain XML the run defines (see above).")
  boolean xml;

  @Option(
      names = "--json",
      description = "Print the plan as JSON (the same facts as the text, sizes in MiB).")
  boolean json;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "With --xml (implied): write each domain to"
              + " DIR/<domain name>.xml instead, and list the files on stderr.")
  @Nullable Path outDir;

  /** Chosen with --accelerator; null for what the run would detect. */
  private Accelerator.@Nullable Kind acceleratorKind;

  @Option(
      names = "--accelerator",
      paramLabel = "kvm|tcg",
      description =
          "How guests run on this machine"
              + " (default: what the run would detect, without booting its probe guest). L2 guests and guests"
              + " on remote hosts run under TCG in this build either way.")
  void accelerator(String kind) {
    acceleratorKind =
        switch (kind) {
          case "kvm" -> Accelerator.Kind.KVM;
          case "tcg" -> Accelerator.Kind.TCG;
          default ->
              throw new ParameterException(
                  spec.commandLine(), "--accelerator takes kvm or tcg, not '" + kind + "'");
        };
  }

  @Override
  public Integer call() {
    LoadedScenario loaded = LoadedScenario.loadOrReport(file, spec.commandLine().getErr());
    if (loaded == null) {
      return ExitCode.INVALID;
    }
    if (json && (xml || outDir != null)) {
      throw new ParameterException(
          spec.commandLine(), "--json and --xml (or --out) print different things: give one");
    }
    if (xml || outDir != null) {
      return printDomains(loaded);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(PlanJson.of(file, loaded));
      out.flush();
      return ExitCode.OK;
    }
    out.printf("scenario %s%n", loaded.spec().name());
    if (loaded.plan().nodes().isEmpty()) {
      out.printf("%nnodes: none (every pool adopts a machine by uri)%n");
    } else {
      out.printf("%nnodes (provider %s):%n", loaded.spec().validNodes().validProvider());
    }
    loaded
        .plan()
        .nodes()
        .forEach(n -> out.printf("  %-12s %2d CPU  %s%n", n.name(), n.cpus(), n.memory()));
    for (PoolPlan pool : loaded.plan().pools()) {
      PoolSpec declared = loaded.spec().pool(pool.name()).orElseThrow();
      if (declared.adoptsByUri()) {
        out.printf(
            "%npool %s (backend %s): adopts the machine at %s%n",
            pool.name(), pool.backend(), declared.uri());
        out.printf(
            "  cells: discovered at run time from its libvirt's capabilities, each less the %s reserve;%n"
                + "  its partitions are placed and admitted then, before any starts%n",
            pool.reservePerNode());
        continue;
      }
      out.printf(
          "%npool %s (backend %s): %d CPU, %s in %d cells%n",
          pool.name(), pool.backend(), pool.totalCpus(), pool.totalMemory(), pool.cells().size());
      for (int i = 0; i < pool.cells().size(); i++) {
        Cell cell = pool.cells().get(i);
        out.printf(
            "  cell %d = %-8s %2d CPU  %-9s distances %s%n",
            i, cell.node(), cell.cpus(), cell.memory(), pool.distances().get(i));
      }
      pool.spares()
          .forEach(
              s ->
                  out.printf(
                      "  spare    %-8s %2d CPU  %s (room reserved)%n",
                      s.node(), s.cpus(), s.memory()));
    }
    out.printf("%npartitions:%n");
    for (PartitionDecl p : loaded.spec().partitions()) {
      Placement placement = loaded.plan().placement(p.validName());
      String cells =
          !placement.awaitsDiscovery()
              ? String.join("+", placement.cells())
              : p.cells().isEmpty()
                  ? "at run time"
                  : String.join("+", p.cells()) + " (checked at run time)";
      out.printf(
          "  %-10s pool %-8s cells %-10s %d/%d vCPU  %s/%s%s%n",
          p.name(),
          placement.pool(),
          cells,
          p.vcpus(),
          p.maxVcpus(),
          p.validMemory(),
          p.validMaxMemory(),
          p.validMaxMemory().isGreaterThan(p.validMemory())
              ? " (grows by " + p.memoryDevice() + ")"
              : "");
    }
    out.flush();
    return ExitCode.OK;
  }

  /** The domains' XML on stdout, or one file each under {@link #outDir} listed on stderr. */
  private int printDomains(LoadedScenario loaded) {
    HostContext host = new HostContext();
    Accelerator here =
        acceleratorKind == null
            ? host.expectedAccelerator()
            : new Accelerator(acceleratorKind, "chosen with --accelerator");
    PlannedDomains planned =
        PlannedDomains.of(
            loaded.spec(),
            loaded.plan(),
            RUN_ID,
            RunDirectories.of(RUN_ID),
            host.images().planned(),
            host.hypervisorImages()::planned,
            here);
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Path dir = outDir;
    for (PlannedDomains.Domain domain : planned.domains()) {
      if (dir == null) {
        stdout.print(domain.xml());
      } else {
        stderr.println(write(dir, domain));
      }
    }
    planned.leftOut().forEach(why -> stderr.println("left out: " + why));
    stdout.flush();
    stderr.flush();
    return ExitCode.OK;
  }

  private static Path write(Path outDir, PlannedDomains.Domain domain) {
    Path file = outDir.resolve(domain.name() + ".xml");
    try {
      Files.createDirectories(outDir);
      return Files.writeString(file, domain.xml());
    } catch (IOException e) {
      throw new NestbedException(
          "cannot write the domain XML of " + domain.what() + " to " + file + ": " + e.getMessage(),
          "give --out a directory you can write to",
          e);
    }
  }
}
