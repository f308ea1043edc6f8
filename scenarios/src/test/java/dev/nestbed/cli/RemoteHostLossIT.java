package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Losing a remote host mid-run: r2 loses power while a partition migrates from it to r1. The
 * migration fails, the run fails (exit 1) in bounded time with every report written, and nothing of
 * the run is left on the host that survived, not even the half-arrived guest. The migration is
 * throttled to last minutes, so the host is certainly lost while it runs.
 */
class RemoteHostLossIT {
  @TempDir static Path hostsDir;
  static RemoteHosts hosts;

  @TempDir Path out;

  @BeforeAll
  static void startHosts() throws Exception {
    hosts = RemoteHosts.start(hostsDir, List.of("r1", "r2"));
  }

  @AfterAll
  static void stopHosts() {
    if (hosts != null) {
      hosts.close();
    }
  }

  @Test
  void aHostLostDuringAMigrationFailsTheStepAndTheSurvivorKeepsNothingOfTheRun() throws Exception {
    Path scenario = out.resolve("loss.yaml");
    Files.writeString(
        scenario,
        """
        name: host-loss
        nodes:
          provider: remote
          hosts:
            - {name: r1, cpus: 1, memory: 1GiB, uri: "%s"}
            - {name: r2, cpus: 1, memory: 1GiB, uri: "%s"}
        pools:
          - {name: a, backend: host, nodes: [r1]}
          - {name: b, backend: host, nodes: [r2]}
        partitions:
          - {name: p1, pool: a, vcpus: 1, memory: 160MiB}
          - {name: p2, pool: b, vcpus: 1, memory: 192MiB, workload: {working-set: 32MiB, dirty-rate: 1MiB/s}}
        steps:
          - start: [p1, p2]
          - wait: {heartbeat: [p1, p2], timeout: 5m}
          - migrate: {partition: p2, to-pool: a, bandwidth: 1MiB/s, timeout: 8m}
        expect:
          - {partition: p1, alive: true}
        """
            .formatted(hosts.uris().get(0), hosts.uris().get(1)));
    String runId;
    String output;
    long lostAt;
    try (NestbedProcess nestbed =
        NestbedProcess.start("run", scenario.toString(), "--out", out.toString(), "--plain")) {
      runId = nestbed.runId().orElseThrow();
      nestbed.awaitLine("step 3: migrate", Duration.ofMinutes(8));
      assertTrue(hosts.powerOff(1) > 0, "r2 had no process to lose");
      lostAt = System.nanoTime();
      int exit = nestbed.awaitExit(Duration.ofMinutes(5));
      output = nestbed.output();
      assertEquals(1, exit, output);
    }
    long seconds = (System.nanoTime() - lostAt) / 1_000_000_000;
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertEquals("FAILED", results.get("outcome").asText(), results.toString());
    JsonNode migrate = results.get("steps").get(2);
    assertEquals("FAILED", migrate.get("outcome").asText(), migrate.toString());
    assertTrue(
        Files.isRegularFile(out.resolve("junit.xml"))
            && Files.isRegularFile(out.resolve("report.html")));
    assertEquals(
        List.of(), hosts.leftovers(0), "left on r1, which survived; the run said:\n" + output);
    assertEquals(List.of(), Leftovers.of(runId));
    System.out.printf(
        "host lost: the run ended %d s later; the migrate step said: %s%n",
        seconds, migrate.get("message").asText());
  }
}
