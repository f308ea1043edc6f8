package dev.nestbed.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestbed.aggregator.pool.Cell;
import dev.nestbed.aggregator.pool.PoolPlan;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import java.nio.file.Path;

/**
 * {@code nestbed plan --json}: the facts the text plan prints, for scripts. Sizes in MiB; a pool
 * adopted by uri has no cells until the run reads them ({@code cellsAtRunTime}); a partition whose
 * cells are chosen then has {@code cells} empty and {@code placedAtRunTime} true.
 */
final class PlanJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  static String of(Path file, LoadedScenario loaded) {
    ObjectNode root = JSON.createObjectNode();
    root.put("scenario", loaded.spec().name());
    root.put("file", file.toString());
    if (loaded.plan().nodes().isEmpty()) {
      root.putNull("provider");
    } else {
      root.put("provider", loaded.spec().validNodes().validProvider());
    }
    ArrayNode nodes = root.putArray("nodes");
    loaded
        .plan()
        .nodes()
        .forEach(
            n ->
                nodes
                    .addObject()
                    .put("name", n.name())
                    .put("cpus", n.cpus())
                    .put("memoryMib", n.memory().mib()));
    ArrayNode pools = root.putArray("pools");
    for (PoolPlan pool : loaded.plan().pools()) {
      PoolSpec declared = loaded.spec().pool(pool.name()).orElseThrow();
      ObjectNode p =
          pools
              .addObject()
              .put("name", pool.name())
              .put("backend", pool.backend())
              .put("reservePerNodeMib", pool.reservePerNode().mib());
      if (declared.adoptsByUri()) {
        p.put("uri", declared.uri()).put("cellsAtRunTime", true);
        continue;
      }
      p.put("cellsAtRunTime", false)
          .put("cpus", pool.totalCpus())
          .put("memoryMib", pool.totalMemory().mib());
      ArrayNode cells = p.putArray("cells");
      for (int i = 0; i < pool.cells().size(); i++) {
        Cell cell = pool.cells().get(i);
        ObjectNode c =
            cells
                .addObject()
                .put("index", i)
                .put("node", cell.node())
                .put("cpus", cell.cpus())
                .put("memoryMib", cell.memory().mib());
        ArrayNode distances = c.putArray("distances");
        pool.distances().get(i).forEach(distances::add);
      }
      ArrayNode spares = p.putArray("spares");
      pool.spares()
          .forEach(
              s ->
                  spares
                      .addObject()
                      .put("node", s.node())
                      .put("cpus", s.cpus())
                      .put("memoryMib", s.memory().mib()));
    }
    ArrayNode partitions = root.putArray("partitions");
    for (PartitionDecl d : loaded.spec().partitions()) {
      Placement placement = loaded.plan().placement(d.validName());
      ObjectNode p = partitions.addObject().put("name", d.name()).put("pool", placement.pool());
      ArrayNode cells = p.putArray("cells");
      (placement.awaitsDiscovery() ? d.cells() : placement.cells()).forEach(cells::add);
      p.put("placedAtRunTime", placement.awaitsDiscovery())
          .put("vcpus", d.vcpus())
          .put("maxVcpus", d.maxVcpus())
          .put("memoryMib", d.validMemory().mib())
          .put("maxMemoryMib", d.validMaxMemory().mib())
          .put("memoryDevice", d.memoryDevice());
    }
    try {
      return JSON.writeValueAsString(root) + System.lineSeparator();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a plan that cannot be written as JSON", e);
    }
  }
}
