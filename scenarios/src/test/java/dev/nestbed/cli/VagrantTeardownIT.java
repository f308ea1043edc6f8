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
 * A {@code provider: vagrant} run stopped while {@code vagrant up} creates its machines: by Ctrl-C
 * it tears down what came up itself; killed outright, {@code nestbed clean} finds the rest (the
 * machines, the daemon they ran on, {@code vagrant} itself, the management network's dnsmasq and
 * the run's veth). Both are driven by the line Vagrant prints once a machine's domain has started.
 */
class VagrantTeardownIT {
  private static final String DOMAIN_STARTED = ": Waiting for domain to get an IP address";

  @TempDir Path out;

  @Test
  void ctrlCWhileVagrantUpRunsTearsDownTheMachinesThatCameUp() throws Exception {
    String runId = signalledWhileVagrantUpRuns("INT", 130);
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertEquals("INTERRUPTED", results.get("outcome").asText(), results.toString());
    assertNothingLeft(runId);
  }

  @Test
  void cleanRemovesWhatAVagrantRunKilledDuringVagrantUpLeft() throws Exception {
    String runId = signalledWhileVagrantUpRuns("KILL", 128 + 9);
    List<String> left = Leftovers.of(runId);
    assertTrue(
        left.stream().anyMatch(l -> l.startsWith("guest")),
        "the killed run should have left a machine: " + left);

    try (NestbedProcess clean = NestbedProcess.start("clean")) {
      assertEquals(0, clean.awaitExit(Duration.ofMinutes(3)), clean.output());
    }
    assertNothingLeft(runId);
  }

  /**
   * Runs the vagrant example, sends the signal once a machine's domain has started; returns the run
   * id.
   */
  private String signalledWhileVagrantUpRuns(String signal, int exitCode) throws Exception {
    try (NestbedProcess nestbed =
        NestbedProcess.start(
            "run", "scenarios/examples/vagrant.yaml", "--out", out.toString(), "--plain")) {
      String runId = nestbed.runId().orElseThrow();
      nestbed.awaitLine(DOMAIN_STARTED, Duration.ofMinutes(10));
      new ProcessBuilder("kill", "-" + signal, Long.toString(nestbed.pid())).start().waitFor();
      assertEquals(exitCode, nestbed.awaitExit(Duration.ofMinutes(5)), nestbed.output());
      return runId;
    }
  }

  private static void assertNothingLeft(String runId) {
    assertEquals(List.of(), Leftovers.of(runId));
    String links = new ProcessRunner().run(Command.of("ip", "-o", "link", "show")).stdout();
    assertTrue(
        !links.contains("nbv" + runId),
        "the run's veth into the management network is left: " + links);
  }
}
