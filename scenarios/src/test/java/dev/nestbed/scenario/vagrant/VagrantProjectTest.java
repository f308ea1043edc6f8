package dev.nestbed.scenario.vagrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.scenario.parse.ScenarioLoader;
import dev.nestbed.scenario.plan.ScenarioPlan;
import dev.nestbed.scenario.plan.ScenarioPlanner;
import dev.nestbed.scenario.spec.HostSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VagrantProjectTest {
  private static final Path HOME =
      Path.of(System.getProperty("nestbed.home", "..")).toAbsolutePath();

  @TempDir Path dir;

  @Test
  void theProjectHasOneMachinePerNodeAndItsScenarioRunsOnThemAsRemoteHosts() throws Exception {
    Path example = HOME.resolve("scenarios/examples/migrate.yaml");
    ScenarioSpec spec = ScenarioLoader.load(example);
    ScenarioPlan plan = ScenarioPlanner.plan(spec);
    VagrantProject project =
        new VagrantProject(
            "migrate", plan.nodes(), "qemu:///system", "qemu", "TCG here", "nestbed-node");
    project.write(dir, HOME.resolve("vagrant/Vagrantfile"), Files.readString(example));

    assertEquals(
        Files.readString(HOME.resolve("vagrant/Vagrantfile")),
        Files.readString(dir.resolve("Vagrantfile")));
    String nodes = Files.readString(dir.resolve("nodes.yaml"));
    for (int i = 0; i < plan.nodes().size(); i++) {
      NodeSpec n = plan.nodes().get(i);
      assertTrue(
          nodes.contains(
              "{name: "
                  + n.name()
                  + ", cpus: "
                  + n.cpus()
                  + ", memory_mib: "
                  + n.memory().mib()
                  + ", ip: "
                  + project.address(i)
                  + "}"),
          nodes);
    }
    assertTrue(nodes.contains("driver: qemu"), nodes);
    assertTrue(
        nodes.contains(
            "authorized_key: \"" + Files.readString(dir.resolve("id_ed25519.pub")).strip() + "\""),
        nodes);

    ScenarioSpec remote = ScenarioLoader.load(dir.resolve("scenario.yaml"));
    assertEquals("remote", remote.nodes().provider());
    assertEquals(
        spec.pools().stream().map(p -> p.name() + " " + p.backend() + " " + p.nodes()).toList(),
        remote.pools().stream().map(p -> p.name() + " " + p.backend() + " " + p.nodes()).toList());
    assertEquals(spec.partitions().size(), remote.partitions().size());
    List<HostSpec> hosts = remote.nodes().hosts();
    assertEquals(
        plan.nodes().stream().map(NodeSpec::name).toList(),
        hosts.stream().map(HostSpec::name).toList());
    for (int i = 0; i < hosts.size(); i++) {
      assertTrue(
          hosts
              .get(i)
              .uri()
              .startsWith(
                  "qemu+libssh2://vagrant@"
                      + project.address(i)
                      + "/system?keyfile="
                      + dir.toAbsolutePath().resolve("id_ed25519")),
          hosts.get(i).uri());
      assertEquals(plan.nodes().get(i).memory(), hosts.get(i).memory());
    }
    assertEquals(spec.steps().size(), remote.steps().size());
  }
}
