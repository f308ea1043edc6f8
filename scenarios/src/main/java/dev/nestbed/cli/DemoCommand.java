package dev.nestbed.cli;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.run.Teardown;
import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.PartitionEnvironment;
import dev.nestbed.partitioner.PartitionSpec;
import dev.nestbed.partitioner.ResizeResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nestbed demo}: the foundation end to end, for real. Two local nodes come up, a partition
 * boots on the first to its first heartbeat, gets a vCPU hot-added and its balloon inflated, each
 * seen by its agent, and everything is torn down. Prints what it measured; with {@code --repeat}
 * also the medians.
 */
@Command(
    name = "demo",
    description = {
      "Show the foundation working end to end and print its times.",
      "Two local nodes, one partition: boot to first heartbeat, hot-add a vCPU (1 -> 2), balloon"
          + " 256 -> 192 MiB, tear down."
    })
final class DemoCommand implements Callable<Integer> {
  private static final Duration BOOT_DEADLINE = Duration.ofMinutes(3);
  private static final Duration RESIZE_DEADLINE = Duration.ofMinutes(1);

  @Spec CommandSpec spec;

  @Option(
      names = "--repeat",
      defaultValue = "1",
      description = "Run the demo N times and print medians.")
  int repeat;

  @Option(names = "--logs", description = "Keep daemon logs and guest consoles in this directory.")
  @Nullable Path logs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    HostContext host = new HostContext();
    out.println(host.accelerator().describe());
    long imageBegan = System.nanoTime();
    GuestImage image = host.images().ensureBuilt();
    out.printf(
        "partition image %s ready in %d ms%n",
        image.recipeHash(), millis(System.nanoTime() - imageBegan));
    Map<String, List<Long>> figures = new LinkedHashMap<>();
    for (int i = 1; i <= repeat; i++) {
      Map<String, Long> one = runOnce(host, image, out);
      out.printf("run %d/%d: %s%n", i, repeat, one);
      out.flush();
      one.forEach((k, v) -> figures.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    if (repeat > 1) {
      out.println("median of " + repeat + " (ms):");
      figures.forEach((k, v) -> out.printf("  %-28s %6d   (all: %s)%n", k, median(v), v));
    }
    out.flush();
    return ExitCode.OK;
  }

  private Map<String, Long> runOnce(HostContext host, GuestImage image, PrintWriter out) {
    Map<String, Long> ms = new LinkedHashMap<>();
    RunId runId = RunId.random();
    Path keptLogs = logs == null ? null : logs.resolve(runId.value());
    Teardown teardown = new Teardown();
    Thread onInterrupt = new Thread(teardown::close, "teardown-on-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      RunWorkspace workspace = RunWorkspace.create(runId);
      teardown.add("remove " + workspace.directory(), workspace::close);
      LocalNodeProvider provider = new LocalNodeProvider(runId, workspace.nodes(), keptLogs);
      teardown.add("stop the local nodes", provider::close);
      long began = System.nanoTime();
      List<Node> nodes =
          provider.start(
              List.of(
                  new NodeSpec("n1", 2, DataSize.ofGiB(3)),
                  new NodeSpec("n2", 2, DataSize.ofGiB(3))),
              Duration.ofSeconds(60));
      ms.put("nodes ready", millis(System.nanoTime() - began));

      LibvirtHost n1 = nodes.get(0).connect();
      teardown.add("close the connection to n1", n1::close);
      PartitionSpec p1 =
          PartitionSpec.simple("p1", 1, DataSize.ofMiB(256))
              .withMaxVcpus(2)
              .withWorkload(DataSize.ofMiB(32), DataRate.parse("4MiB/s"));
      Partition partition =
          Partition.start(
              p1,
              n1,
              new PartitionEnvironment(
                  runId, image, host.accelerator(), workspace.partitions(), keptLogs));
      teardown.add("destroy partition p1", partition::close);
      ms.put("start -> first heartbeat", partition.awaitFirstHeartbeat(BOOT_DEADLINE).toMillis());

      ResizeResult vcpus = partition.resizeVcpus(2, RESIZE_DEADLINE);
      ms.put("vCPU 1 -> 2 seen", vcpus.seenAfter().toMillis());
      ResizeResult memory = partition.resizeMemory(DataSize.ofMiB(192), RESIZE_DEADLINE);
      ms.put("balloon 256 -> 192 MiB seen", memory.seenAfter().toMillis());
      out.printf(
          "  guest sees %d CPUs online (%s), MemTotal %s; max heartbeat gap %d ms%n",
          memory.status().cpusOnline(),
          memory.status().onlineCpuList(),
          memory.status().memTotal(),
          partition.heartbeats().maxArrivalGap().toMillis());
    } finally {
      long began = System.nanoTime();
      teardown.close();
      ms.put("teardown", millis(System.nanoTime() - began));
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
    }
    return ms;
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
