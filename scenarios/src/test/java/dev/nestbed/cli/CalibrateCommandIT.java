package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nestbed bench calibrate} measures this host for real and a simulated run then uses what it
 * measured: the host scenario once (the nested one takes minutes under TCG and is left to users).
 */
class CalibrateCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RUN_ID = Pattern.compile("run ([0-9a-f]{8}), accelerator");

  @TempDir Path dir;

  @Test
  void aCalibrationMeasuredHereIsWhatASimulatedRunThenUses() throws Exception {
    Path calibration = dir.resolve("calibration.json");
    String output;
    try (NestbedProcess calibrate =
        NestbedProcess.start(
            "bench",
            "calibrate",
            "--repeat",
            "1",
            "--skip-nested",
            "-o",
            calibration.toString(),
            "--runs",
            dir.resolve("runs").toString())) {
      int exit = calibrate.awaitExit(Duration.ofMinutes(6));
      output = calibrate.output();
      assertEquals(0, exit, output);
    }
    JsonNode file = JSON.readTree(calibration.toFile());
    JsonNode run = JSON.readTree(dir.resolve("runs/host-1/results.json").toFile());
    JsonNode steps = run.get("steps");
    assertEquals("PASSED", run.get("outcome").asText(), output);
    // each constant is the run's own figure (one run: the median is it)
    assertEquals(
        steps.get(0).get("metrics").get("p1.start").get("value").asDouble(),
        file.get("startMs").asDouble());
    assertEquals(
        steps.get(2).get("metrics").get("seen-after.vcpus").get("value").asDouble(),
        file.get("vcpuHotplugMs").asDouble());
    assertEquals(
        steps.get(7).get("metrics").get("downtime").get("value").asDouble(),
        file.get("migration").get("switchoverMs").asDouble());
    assertTrue(
        file.get("provenance").get("how").asText().contains("--skip-nested"),
        file.get("provenance").toString());
    Matcher id = RUN_ID.matcher(output);
    assertTrue(id.find(), output);
    assertEquals(java.util.List.of(), Leftovers.of(id.group(1)));

    Path out = dir.resolve("simulated");
    try (NestbedProcess simulate =
        NestbedProcess.start(
            "run",
            "--calibration",
            calibration.toString(),
            "-o",
            out.toString(),
            "scenarios/examples/what-if.yaml")) {
      assertEquals(0, simulate.awaitExit(Duration.ofMinutes(2)), simulate.output());
    }
    JsonNode simulated = JSON.readTree(out.resolve("results.json").toFile());
    assertEquals(
        file.get("startMs").asDouble(),
        simulated.get("steps").get(0).get("metrics").get("db.start").get("value").asDouble());
    assertEquals(
        file.get("provenance").get("when").asText(),
        simulated.get("simulation").get("calibrationWhen").asText());
  }
}
