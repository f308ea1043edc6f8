package dev.nestbed.aggregator.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.core.libvirt.CapabilitiesTopology;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.NumaCell;
import dev.nestbed.core.process.Pids;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Host pools over real local nodes: their cells come from the node's own libvirt capabilities. */
class HostPoolIT {
  @Test
  void aHostPoolOverALocalNodeReportsTheCellsItsLibvirtSees() {
    NodeSpec n1 = new NodeSpec("n1", 2, DataSize.ofGiB(2));
    RunId run = RunId.random();
    try (RunWorkspace workspace = RunWorkspace.create(run);
        LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), null)) {
      Node node = provider.start(List.of(n1), Duration.ofSeconds(60)).get(0);
      PoolPlan plan =
          PoolPlanner.plan(
              "solo", "host", List.of(n1), List.of(), DataSize.ZERO, TimeSpan.parse("2us"));
      try (HostPool pool = HostPool.adopt(plan, node)) {
        List<NumaCell> cells = pool.observedCells();
        assertFalse(cells.isEmpty(), "no cells discovered");
        int cpus = cells.stream().mapToInt(c -> c.cpus().size()).sum();
        assertEquals(
            Runtime.getRuntime().availableProcessors(),
            cpus,
            "the node runs on this machine: " + cells);
        assertTrue(cells.get(0).memory().mib() > 512, cells.toString());
        assertEquals(10, cells.get(0).distances().getOrDefault(cells.get(0).id(), 10));
      }
    }
  }

  @Test
  void aMachineAdoptedByItsUriHasTheCellsItsLibvirtReportsAndIsLeftRunning() {
    NodeSpec n1 = new NodeSpec("n1", 2, DataSize.ofGiB(2));
    DataSize reserve = DataSize.ofMiB(256);
    RunId run = RunId.random();
    Path daemonPid;
    try (RunWorkspace workspace = RunWorkspace.create(run);
        LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), null)) {
      Node node = provider.start(List.of(n1), Duration.ofSeconds(60)).get(0);
      daemonPid = workspace.nodes().resolve("n1/run/libvirtd.pid");
      List<NumaCell> reported;
      try (LibvirtHost direct = node.connect()) {
        reported = CapabilitiesTopology.cells(direct.capabilities());
      }
      try (HostPool pool = HostPool.adopt("big", node.libvirtUri(), reserve)) {
        PoolPlan plan = pool.plan();
        assertEquals(
            reported.size(),
            plan.cells().size(),
            "cells: " + plan.cells() + " reported: " + reported);
        for (int i = 0; i < reported.size(); i++) {
          NumaCell numa = reported.get(i);
          Cell cell = plan.cells().get(i);
          assertEquals(String.valueOf(numa.id()), cell.node());
          assertEquals(numa.cpus().size(), cell.cpus(), cell.toString());
          assertEquals(numa.memory().minus(reserve).mib(), cell.memory().mib(), cell.toString());
        }
        assertEquals(
            Runtime.getRuntime().availableProcessors(),
            plan.totalCpus(),
            "the node runs on this machine");
        assertEquals(10, plan.distances().get(0).get(0));
        assertEquals(
            Optional.empty(), pool.whyNotOnThisMachine(), "a unix socket URI is on this machine");
      }
      // Closing the pool releases the connection only: the adopted daemon still runs and answers.
      assertTrue(
          Pids.isRunning(Pids.read(daemonPid).getAsLong()),
          "closing the pool stopped the adopted libvirtd");
      try (LibvirtHost again = node.connect()) {
        assertTrue(again.libvirtVersion() > 0);
      }
    }
  }
}
