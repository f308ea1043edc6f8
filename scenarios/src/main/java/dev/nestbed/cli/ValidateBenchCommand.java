package dev.nestbed.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.aggregator.pool.L1Interconnect;
import dev.nestbed.scenario.parse.ScenarioInvalidException;
import dev.nestbed.scenario.parse.ScenarioLoader;
import dev.nestbed.scenario.plan.ScenarioPlanner;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nestbed bench validate}: how validating and planning grow with a scenario's size. It
 * writes scenarios of the sizes asked for (nodes in nested pools of 8, partitions spread over them,
 * then steps that start, resize, move, migrate and wait on them), validates and plans each inside
 * this process a few times, and prints the median and the spread. Nothing starts.
 */
@Command(
    name = "validate",
    description = {
      "Time validating and planning generated scenarios of growing size.",
      "Validates and plans each size inside this process and prints the median time of each (nothing"
          + " starts). Sizes are NODESxPARTITIONSxSTEPS."
    })
final class ValidateBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--sizes",
      split = ",",
      defaultValue = "16x512x250,128x4096x2000,240x32768x2000,1024x32768x2000",
      description = "Scenario sizes as NODESxPARTITIONSxSTEPS (default: ${DEFAULT-VALUE}).")
  List<String> sizes;

  @Option(
      names = "--repeat",
      defaultValue = "5",
      description = "Runs per size; the median is shown (default: 5).")
  int repeat;

  @Option(
      names = "--json",
      description =
          "Print the rows as JSON on stdout once all are measured (each size's"
              + " progress goes to stderr meanwhile).")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (repeat < 1) {
      throw new ParameterException(
          spec.commandLine(), "--repeat must be at least 1, not " + repeat);
    }
    for (String size : sizes) {
      if (!size.matches("[1-9][0-9]{0,6}x[1-9][0-9]{0,6}x[1-9][0-9]{0,6}")) {
        throw new ParameterException(
            spec.commandLine(),
            "--sizes takes NODESxPARTITIONSxSTEPS, e.g. 128x4096x2000," + " not '" + size + "'");
      }
    }
    if (!json) {
      out.printf(
          "%-22s %6s %10s %8s %8s  %s%n",
          "nodes x parts x steps", "MiB", "median ms", "min ms", "max ms", "what was timed");
    }
    PrintWriter progress = Verbosity.progress(spec);
    ObjectNode document = JsonOutput.object().put("repeat", repeat);
    ArrayNode rows = document.putArray("rows");
    for (String size : sizes) {
      Row row = measure(size);
      if (json) {
        row.addTo(rows);
        progress.printf("bench validate: %s: median %d ms%n", size, row.medianMs());
        progress.flush();
      } else {
        out.printf(
            "%-22s %6.1f %10d %8d %8d  %s%n",
            size, row.mib(), row.medianMs(), row.minMs(), row.maxMs(), row.timed());
        out.flush();
      }
    }
    if (json) {
      JsonOutput.print(document.put("exitCode", ExitCode.OK), out);
    }
    return ExitCode.OK;
  }

  /**
   * One size, measured.
   *
   * @param mib the size of the scenario's YAML text
   * @param refusal the first problem when validate refused the generated scenario; null when it is
   *     valid
   */
  record Row(
      String size,
      int nodes,
      int partitions,
      int steps,
      double mib,
      long medianMs,
      long minMs,
      long maxMs,
      @Nullable String refusal) {
    /** What the text's last column says. */
    String timed() {
      String what =
          GeneratedScenario.simulated(nodes)
              ? "validate and plan (provider sim)"
              : "validate and plan";
      return refusal == null ? what : "validate, refused: " + refusal;
    }

    void addTo(ArrayNode rows) {
      rows.addObject()
          .put("size", size)
          .put("nodes", nodes)
          .put("partitions", partitions)
          .put("steps", steps)
          .put("mib", Math.round(mib * 10) / 10.0)
          .put("medianMs", medianMs)
          .put("minMs", minMs)
          .put("maxMs", maxMs)
          .put("timed", timed())
          .put("refusal", refusal);
    }
  }

  private Row measure(String size) {
    int[] n = Arrays.stream(size.split("x")).mapToInt(Integer::parseInt).toArray();
    String yaml = GeneratedScenario.text(n[0], n[1], n[2]);
    long[] ms = new long[repeat + 1];
    String refusal = null;
    for (int i = 0; i <= repeat; i++) { // the first run warms the JIT and is not counted
      long began = System.nanoTime();
      try {
        ScenarioSpec scenario = ScenarioLoader.load("generated.yaml", yaml);
        ScenarioPlanner.plan(scenario);
      } catch (ScenarioInvalidException e) {
        // Still every check of validate, up to its report: say so rather than hide the row.
        refusal = e.problems().get(0).message();
      }
      ms[i] = (System.nanoTime() - began) / 1_000_000;
    }
    long[] counted = Arrays.copyOfRange(ms, 1, ms.length);
    Arrays.sort(counted);
    return new Row(
        size,
        n[0],
        n[1],
        n[2],
        yaml.length() / (1024.0 * 1024),
        counted[counted.length / 2],
        counted[0],
        counted[counted.length - 1],
        refusal);
  }

  /** A valid scenario of a given size, written as a user would. */
  static final class GeneratedScenario {
    private static final int NODES_PER_POOL = 8;

    private GeneratedScenario() {}

    /**
     * Whether a scenario of this size is written for simulated nodes: one run's address plan holds
     * {@link LocalNodeProvider#MAX_NODES} local nodes and {@link L1Interconnect#MAX_POOLS} nested
     * pools, and the scale the idea is about lies beyond that.
     */
    static boolean simulated(int nodes) {
      return nodes > LocalNodeProvider.MAX_NODES
          || Math.max(1, nodes / NODES_PER_POOL) > L1Interconnect.MAX_POOLS;
    }

    static String text(int nodes, int partitions, int steps) {
      boolean sim = simulated(nodes);
      StringBuilder yaml =
          new StringBuilder("name: generated\nnodes:\n")
              .append(sim ? "  provider: sim\n" : "")
              .append("  hosts:\n");
      for (int i = 0; i < nodes; i++) {
        yaml.append("    - {name: n").append(i).append(", cpus: 256, memory: 1TiB}\n");
      }
      int pools = Math.max(1, nodes / NODES_PER_POOL);
      yaml.append("pools:\n");
      for (int p = 0; p < pools; p++) {
        List<String> members = new ArrayList<>();
        for (int i = p * NODES_PER_POOL; i < Math.min(nodes, (p + 1) * NODES_PER_POOL); i++) {
          members.add("n" + i);
        }
        yaml.append("  - {name: pool")
            .append(p)
            .append(", nodes: [")
            .append(String.join(", ", members))
            .append(sim ? "], backend: sim}\n" : "]}\n");
      }
      yaml.append("partitions:\n");
      for (int i = 0; i < partitions; i++) {
        int pool = i % pools;
        int cell = pool * NODES_PER_POOL + (i / pools) % Math.min(NODES_PER_POOL, nodes);
        yaml.append("  - {name: p")
            .append(i)
            .append(", pool: pool")
            .append(pool)
            .append(", vcpus: 1, max-vcpus: 2, memory: 256MiB, cells: [n")
            .append(cell)
            .append("]}\n");
      }
      yaml.append("steps:\n  - start: [");
      for (int i = 0; i < partitions; i++) {
        yaml.append(i == 0 ? "p" : ", p").append(i);
      }
      yaml.append("]\n");
      int[] poolOf = new int[partitions];
      for (int i = 0; i < partitions; i++) {
        poolOf[i] = i % pools;
      }
      for (int s = 1; s < steps; s++) {
        int p = (s * 7919) % partitions;
        switch (s % 4) {
          case 0 ->
              yaml.append("  - resize: {partition: p")
                  .append(p)
                  .append(", vcpus: ")
                  .append(1 + s % 2)
                  .append("}\n");
          case 1 ->
              yaml.append("  - move: {partition: p")
                  .append(p)
                  .append(", to-cells: [n")
                  .append(poolOf[p] * NODES_PER_POOL + s % Math.min(NODES_PER_POOL, nodes))
                  .append("]}\n");
          case 2 -> {
            if (pools > 1) {
              poolOf[p] = (poolOf[p] + 1) % pools;
              yaml.append("  - migrate: {partition: p")
                  .append(p)
                  .append(", to-pool: pool")
                  .append(poolOf[p])
                  .append("}\n");
            } else {
              yaml.append("  - wait: {for: 1s}\n");
            }
          }
          default -> yaml.append("  - wait: {heartbeat: [p").append(p).append("]}\n");
        }
      }
      yaml.append("expect:\n  - {partition: p0, alive: true}\n");
      return yaml.toString();
    }
  }
}
