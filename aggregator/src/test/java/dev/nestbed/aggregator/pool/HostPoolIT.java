package dev.nestbed.aggregator.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.core.libvirt.NumaCell;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A host pool over a local node: its cells come from the node's own libvirt capabilities. */
class HostPoolIT {
  @Test
  void aHostPoolOverALocalNodeReportsTheCellsItsLibvirtSees() {
    NodeSpec n1 = new NodeSpec("n1", 2, DataSize.ofGiB(2));
    RunId run = RunId.random();
    try (RunWorkspace workspace = RunWorkspace.create(run);
        LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), null)) {
      Node node = provider.start(List.of(n1), Duration.ofSeconds(60)).get(0);
      PoolPlan plan = PoolPlanner.plan("solo", "host", List.of(n1), List.of(), DataSize.ZERO, TimeSpan.parse("2us"));
      try (HostPool pool = HostPool.adopt(plan, node)) {
        List<NumaCell> cells = pool.observedCells();
        assertFalse(cells.isEmpty(), "no cells discovered");
        int cpus = cells.stream().mapToInt(c -> c.cpus().size()).sum();
        assertEquals(Runtime.getRuntime().availableProcessors(), cpus, "the node runs on this machine: " + cells);
        assertTrue(cells.get(0).memory().mib() > 512, cells.toString());
        assertEquals(10, cells.get(0).distances().getOrDefault(cells.get(0).id(), 10));
      }
    }
  }
}
