package dev.nestbed.aggregator.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.Pids;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.value.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real libvirt daemons in namespaces of their own, on this machine. */
class LocalNodeProviderIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private final ProcessRunner runner = new ProcessRunner();

  @TempDir Path logs;

  private static List<NodeSpec> twoNodes() {
    return List.of(
        new NodeSpec("n1", 2, DataSize.ofGiB(3)), new NodeSpec("n2", 2, DataSize.ofGiB(3)));
  }

  @Test
  void twoNodesComeUpAsSeparateHostsOnOneNetworkAndLeaveNothingBehind() {
    RunId run = RunId.random();
    List<Long> daemonPids = new ArrayList<>();
    Path state;
    try (RunWorkspace workspace = RunWorkspace.create(run);
        LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), logs)) {
      state = workspace.nodes();
      List<Node> nodes = provider.start(twoNodes(), DEADLINE);
      assertEquals(List.of("n1", "n2"), nodes.stream().map(Node::name).toList());

      String uuid1;
      String uuid2;
      try (LibvirtHost n1 = nodes.get(0).connect();
          LibvirtHost n2 = nodes.get(1).connect()) {
        assertEquals(run.qualify("n1"), n1.hostname());
        assertEquals(run.qualify("n2"), n2.hostname());
        uuid1 = hostUuid(n1.capabilities());
        uuid2 = hostUuid(n2.capabilities());
      }
      assertNotEquals(
          uuid1, uuid2, "each node needs its own host UUID or libvirt refuses migration");

      // Traffic between nodes crosses the virtual network: n1 reaches n2's address from its
      // namespace.
      runner.run(
          Command.of(
              "ip",
              "netns",
              "exec",
              run.qualify("n1"),
              "busybox",
              "ping",
              "-c",
              "1",
              "-W",
              "2",
              nodes.get(1).address()));
      assertNotEquals(nodes.get(0).address(), nodes.get(1).address());

      for (NodeSpec spec : twoNodes()) {
        daemonPids.add(
            Pids.read(state.resolve(spec.name()).resolve("run/libvirtd.pid")).orElseThrow());
      }
      assertTrue(daemonPids.stream().allMatch(Pids::isRunning));
    }
    assertTrue(daemonPids.stream().noneMatch(Pids::isRunning), "a libvirtd outlived close()");
    assertFalse(
        Files.exists(state.getParent()), "the run directory remains at " + state.getParent());
    assertTrue(namespacesOf(run).isEmpty(), "namespaces remain: " + namespacesOf(run));
    assertTrue(Files.isRegularFile(logs.resolve("n1/libvirtd.log")), "n1's log was not kept");
  }

  @Test
  void aNodeThatCannotStartIsNamedAndNothingOfTheRunRemains() throws Exception {
    RunId run = RunId.random();
    Path blocker = Files.createFile(logs.resolve("not-a-directory"));
    NestbedException e;
    try (LocalNodeProvider provider = new LocalNodeProvider(run, blocker.resolve("state"), null)) {
      e = assertThrows(NestbedException.class, () -> provider.start(twoNodes(), DEADLINE));
    }
    assertTrue(
        e.getMessage()
            .startsWith("node n1 did not start: cannot write the configuration of node n1"),
        e.getMessage());
    assertTrue(namespacesOf(run).isEmpty(), "namespaces remain: " + namespacesOf(run));
  }

  private List<String> namespacesOf(RunId run) {
    String list = runner.run(Command.of("ip", "netns", "list")).stdout();
    return list.lines().filter(l -> l.startsWith("nb-" + run.value())).toList();
  }

  private static String hostUuid(String capabilities) {
    int at = capabilities.indexOf("<uuid>");
    return capabilities.substring(at + 6, capabilities.indexOf("</uuid>", at));
  }
}
