package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code container} provider for real: node containers from images built here, on the Docker
 * daemon ci/setup-host.sh started, driven through the CLI as a user runs it. Each run must leave no
 * container and no network of its own behind, and the node images must stay for the next run.
 */
class ContainerProviderIT {
  private static final Duration WITHIN = Duration.ofMinutes(15);

  @TempDir Path out;

  @Test
  void aPartitionBootsIsResizedAndMigratesBetweenTwoContainerNodesWithItsMemoryIntact()
      throws Exception {
    Finished run = run("scenarios/examples/containers.yaml");
    JsonNode steps = run.results().get("steps");
    for (JsonNode step : steps) {
      assertEquals("PASSED", step.get("outcome").asText(), step.toString());
    }
    JsonNode migrate = steps.get(3);
    assertEquals("migrate", migrate.get("kind").asText());
    JsonNode metrics = migrate.get("metrics");
    assertEquals(1.0, metrics.get("memory-intact").get("value").asDouble(), migrate.toString());
    // The guest's memory crossed the run's Docker network: at least its working set was sent.
    assertTrue(metrics.get("bytes-sent").get("value").asDouble() > 32, migrate.toString());
    for (JsonNode e : run.results().get("expectations")) {
      assertEquals("PASSED", e.get("outcome").asText(), e.toString());
    }
    for (JsonNode node : run.results().get("topology").get("nodes")) {
      assertEquals("container", node.get("provider").asText());
      assertTrue(node.get("about").asText().contains("QEMU 1:10."), node.toString());
    }
  }

  @Test
  void partitionsMigrateBothWaysBetweenQemu72AndQemu10AndTheResultsNameEachNodesVersions()
      throws Exception {
    Finished run = run("scenarios/examples/cross-version.yaml");
    Map<String, String> about = new HashMap<>();
    for (JsonNode node : run.results().get("topology").get("nodes")) {
      about.put(node.get("name").asText(), node.get("about").asText());
    }
    assertTrue(about.get("old").contains("QEMU 1:7.2"), about.toString());
    assertTrue(about.get("old").contains("libvirt 9.0"), about.toString());
    assertTrue(about.get("new").contains("QEMU 1:10."), about.toString());
    JsonNode group = run.results().get("steps").get(2);
    assertEquals("PASSED", group.get("outcome").asText(), group.toString());
    for (JsonNode e : run.results().get("expectations")) {
      assertEquals("PASSED", e.get("outcome").asText(), e.toString());
    }
  }

  @Test
  void cleanRemovesTheContainersAndNetworkOfARunKilledOutright() throws Exception {
    String killed;
    try (NestbedProcess nestbed =
        NestbedProcess.start(
            "run", "scenarios/examples/containers.yaml", "--out", out.toString(), "--plain")) {
      killed = nestbed.runId().orElseThrow();
      nestbed.awaitLine("step 2: wait", Duration.ofMinutes(5));
      new ProcessBuilder("kill", "-KILL", Long.toString(nestbed.pid())).start().waitFor();
    }
    String label = "label=dev.nestbed.run=" + killed;
    assertEquals(2, docker("ps", "-a", "-q", "--filter", label).lines().count(), "not left");
    try (NestbedProcess clean = NestbedProcess.start("clean", "--dry-run")) {
      assertEquals(0, clean.awaitExit(Duration.ofMinutes(2)), clean.output());
      assertTrue(
          clean.output().contains("would remove container nb-" + killed + "-n1"), clean.output());
    }
    assertEquals(2, docker("ps", "-a", "-q", "--filter", label).lines().count(), "dry run acted");
    try (NestbedProcess clean = NestbedProcess.start("clean")) {
      assertEquals(0, clean.awaitExit(Duration.ofMinutes(3)), clean.output());
      assertTrue(
          clean.output().contains("removed Docker network nb-" + killed + "-nodes"),
          clean.output());
    }
    assertEquals("", docker("ps", "-a", "-q", "--filter", label));
    assertEquals("", docker("network", "ls", "-q", "--filter", label));
  }

  @Test
  void aPartitionMigratesBetweenNestedPoolsWhoseL1sRunInsideTwoContainerNodes() throws Exception {
    Path scenario =
        Files.writeString(
            out.resolve("nested.yaml"),
            """
            name: nested-in-containers
            nodes:
              provider: container
              hosts:
                - {name: n1, cpus: 2, memory: 2GiB}   # a 2-vCPU L1 boots its L2 in about 2/3 the time
                - {name: n2, cpus: 1, memory: 2GiB}
            pools:
              - {name: left, backend: nested, nodes: [n1]}
              - {name: right, backend: nested, nodes: [n2]}
            partitions:
              - name: p1
                pool: left
                vcpus: 1
                memory: 256MiB
                workload: {working-set: 32MiB, dirty-rate: 1MiB/s}
            steps:
              - start: [p1]
              - wait: {heartbeat: [p1], timeout: 8m}
              - migrate: {partition: p1, to-pool: right, timeout: 5m}
            expect:
              - {partition: p1, alive: true, memory-intact: true}
            """);
    Finished run = run(scenario.toString());
    for (JsonNode step : run.results().get("steps")) {
      assertEquals("PASSED", step.get("outcome").asText(), step.toString());
    }
    JsonNode metrics = run.results().get("steps").get(2).get("metrics");
    assertEquals(1.0, metrics.get("memory-intact").get("value").asDouble(), metrics.toString());
    for (JsonNode e : run.results().get("expectations")) {
      assertEquals("PASSED", e.get("outcome").asText(), e.toString());
    }
  }

  @Test
  void aNodeContainerThatDiesMidMigrationFailsTheStepWithItsExitAndLastLines() throws Exception {
    // At 1 MiB/s the ~90 MiB of p1 take over a minute to cross: the kill lands inside the step.
    Path scenario =
        Files.writeString(
            out.resolve("dies.yaml"),
            """
            name: container-dies
            nodes:
              provider: container
              hosts:
                - {name: n1, cpus: 1, memory: 1GiB}
                - {name: n2, cpus: 1, memory: 1GiB}
            pools:
              - {name: left, backend: host, nodes: [n1]}
              - {name: right, backend: host, nodes: [n2]}
            partitions:
              - {name: p1, pool: left, vcpus: 1, memory: 256MiB}
            steps:
              - start: [p1]
              - wait: {heartbeat: [p1], timeout: 3m}
              - migrate: {partition: p1, to-pool: right, bandwidth: 1MiB/s, timeout: 5m}
            expect:
              - {partition: p1, alive: true}
            """);
    Path results = out.resolve("dies");
    String runId;
    try (NestbedProcess nestbed =
        NestbedProcess.start("run", scenario.toString(), "--out", results.toString(), "--plain")) {
      runId = nestbed.runId().orElseThrow();
      nestbed.awaitLine("step 3: migrate", Duration.ofMinutes(5));
      docker("kill", "nb-" + runId + "-n2");
      assertEquals(1, nestbed.awaitExit(WITHIN), nestbed.output());
    }
    JsonNode run = new ObjectMapper().readTree(results.resolve("results.json").toFile());
    JsonNode migrate = run.get("steps").get(2);
    assertEquals("FAILED", migrate.get("outcome").asText(), migrate.toString());
    String message = migrate.get("message").asText();
    assertTrue(
        message.contains("node n2 is gone: its container nb-" + runId + "-n2 exited with code 137"),
        message);
    assertTrue(message.contains("its output ends with:\n  nestbed-node: ready"), message);
    // A failed migration leaves the guest running where it was.
    JsonNode alive = run.get("expectations").get(0);
    assertEquals("PASSED", alive.get("outcome").asText(), alive.toString());
    assertEquals("", docker("ps", "-a", "-q", "--filter", "label=dev.nestbed.run=" + runId));
    assertEquals("", docker("network", "ls", "-q", "--filter", "label=dev.nestbed.run=" + runId));
  }

  private record Finished(String runId, JsonNode results) {}

  private Finished run(String scenario) throws Exception {
    String runId;
    try (NestbedProcess nestbed =
        NestbedProcess.start("run", scenario, "--out", out.toString(), "--plain")) {
      runId = nestbed.runId().orElseThrow();
      assertEquals(0, nestbed.awaitExit(WITHIN), nestbed.output());
    }
    assertEquals("", docker("ps", "-a", "-q", "--filter", "label=dev.nestbed.run=" + runId));
    assertEquals("", docker("network", "ls", "-q", "--filter", "label=dev.nestbed.run=" + runId));
    assertTrue(!docker("image", "ls", "-q", "nestbed-node-default").isEmpty(), "the image went");
    return new Finished(runId, new ObjectMapper().readTree(out.resolve("results.json").toFile()));
  }

  private static String docker(String... args) {
    return new ProcessRunner().run(Command.of("docker", args)).stdout().strip();
  }
}
