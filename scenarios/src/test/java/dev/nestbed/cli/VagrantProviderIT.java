package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `provider: vagrant` for real: nestbed brings two Vagrant machines up from its own box on a
 * libvirtd of the run's own, runs the vagrant example on them (a partition started on one, resized,
 * and migrated to the other over their private network with its memory intact), and destroys them,
 * leaving nothing behind.
 */
class VagrantProviderIT {
  @TempDir Path out;

  @Test
  void theVagrantExampleBringsUpTwoMachinesMigratesBetweenThemAndLeavesNothing() throws Exception {
    String runId;
    String output;
    try (NestbedProcess nestbed =
        NestbedProcess.start(
            "run", "scenarios/examples/vagrant.yaml", "--out", out.toString(), "--plain")) {
      runId = nestbed.runId().orElseThrow();
      int exit = nestbed.awaitExit(Duration.ofMinutes(30));
      output = nestbed.output();
      assertEquals(0, exit, output);
    }
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertEquals("PASSED", results.get("outcome").asText(), results.get("message").asText());
    JsonNode migrate = results.get("steps").get(3).get("metrics");
    assertEquals(1, migrate.get("memory-intact").get("value").asInt(), migrate.toString());
    assertTrue(migrate.get("guest-downtime").get("value").asDouble() > 0, migrate.toString());
    assertTrue(output.contains("node v1 at qemu+libssh2://vagrant@10.216."), output);
    JsonNode v2 = results.get("topology").get("nodes").get(1);
    assertEquals("vagrant", v2.get("provider").asText(), v2.toString());
    // the private network is isolated and v1 has no other route to 10.215.0.0/24: the migration
    // that passed above went over it
    assertEquals("10.215.0.12", v2.get("address").asText(), v2.toString());
    assertTrue(output.contains("migrations to 10.215.0.11"), output);
    assertTrue(v2.get("about").asText().contains("QEMU 10."), v2.toString());
    assertEquals(List.of(), Leftovers.of(runId));
    String links = new ProcessRunner().run(Command.of("ip", "-o", "link", "show")).stdout();
    assertTrue(
        !links.contains("nbv" + runId),
        "the run's veth into the management network is left: " + links);
  }
}
