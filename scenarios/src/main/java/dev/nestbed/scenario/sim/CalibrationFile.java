package dev.nestbed.scenario.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.model.MigrationCalibration;
import dev.nestbed.core.model.OperationCalibration;
import dev.nestbed.core.model.Provenance;
import dev.nestbed.core.value.DataSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A calibration as a JSON file, as {@code nestbed bench calibrate} writes it and {@code nestbed run
 * --calibration FILE} reads it: every constant in plain units (ms, MiB, MiB/s) with its provenance.
 */
public final class CalibrationFile {
  /** The format's version, so that a later nestbed can tell an old file from a broken one. */
  static final int FORMAT = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final double MIB = 1 << 20;

  private CalibrationFile() {}

  /** Writes {@code c} to {@code file}. */
  public static void write(OperationCalibration c, Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode().put("nestbedCalibration", FORMAT);
    provenance(root.putObject("provenance"), c.provenance());
    root.put("startMs", c.start().toMillis())
        .put("firstHeartbeatMs", c.firstHeartbeat().toMillis())
        .put("vcpuHotplugMs", c.vcpuHotplug().toMillis())
        .put("memoryPlugMibPerSecond", c.memoryPlugBytesPerSecond() / MIB)
        .put("memoryUnplugMibPerSecond", c.memoryUnplugBytesPerSecond() / MIB)
        .put("balloonMs", c.balloon().toMillis())
        .put("nodeJoinMs", c.nodeJoin().toMillis())
        .put("nodeLeaveMs", c.nodeLeave().toMillis())
        .put("moveSetupMs", c.moveSetup().toMillis())
        .put("moveMibPerSecond", c.movePageBytesPerSecond() / MIB)
        .put("moveGuestDowntimeMs", c.moveGuestDowntime().toMillis())
        .put("guestFootprintMib", c.guestFootprint().mib());
    ObjectNode migration = root.putObject("migration");
    migration
        .put("setupMs", c.migration().setup().toMillis())
        .put("switchoverMs", c.migration().switchover().toMillis())
        .put("bandwidthMibPerSecond", c.migration().bandwidthBytesPerSecond() / MIB);
    provenance(migration.putObject("provenance"), c.migration().provenance());
    Files.writeString(file, JSON.writeValueAsString(root) + "\n");
  }

  /**
   * Reads a calibration file.
   *
   * @throws NestbedException naming the file and what is wrong with it
   */
  public static OperationCalibration read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new NestbedException(
          "cannot read calibration " + file + ": " + e.getMessage(),
          "give --calibration a file 'nestbed bench calibrate' wrote");
    }
    if (root == null || root.path("nestbedCalibration").asInt(0) != FORMAT) {
      throw new NestbedException(
          "calibration " + file + " is not a nestbed calibration of format " + FORMAT,
          "give --calibration a file 'nestbed bench calibrate' wrote");
    }
    try {
      JsonNode m = required(root, "migration");
      return new OperationCalibration(
          ms(root, "startMs"),
          ms(root, "firstHeartbeatMs"),
          ms(root, "vcpuHotplugMs"),
          number(root, "memoryPlugMibPerSecond") * MIB,
          number(root, "memoryUnplugMibPerSecond") * MIB,
          ms(root, "balloonMs"),
          ms(root, "nodeJoinMs"),
          ms(root, "nodeLeaveMs"),
          ms(root, "moveSetupMs"),
          number(root, "moveMibPerSecond") * MIB,
          ms(root, "moveGuestDowntimeMs"),
          DataSize.ofMiB((long) number(root, "guestFootprintMib")),
          new MigrationCalibration(
              ms(m, "setupMs"),
              ms(m, "switchoverMs"),
              number(m, "bandwidthMibPerSecond") * MIB,
              provenance(required(m, "provenance"))),
          provenance(required(root, "provenance")));
    } catch (IllegalArgumentException e) {
      throw new NestbedException(
          "calibration " + file + ": " + e.getMessage(),
          "write it again with 'nestbed bench calibrate'");
    }
  }

  private static void provenance(ObjectNode node, Provenance p) {
    node.put("where", p.where())
        .put("when", p.when())
        .put("how", p.how())
        .put("source", p.source());
  }

  private static Provenance provenance(JsonNode node) {
    return new Provenance(
        node.path("where").asText(""),
        node.path("when").asText(""),
        node.path("how").asText(""),
        node.path("source").asText(""));
  }

  private static JsonNode required(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isObject()) {
      throw new IllegalArgumentException("it has no " + key + " object");
    }
    return value;
  }

  private static double number(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isNumber() || value.asDouble() < 0) {
      throw new IllegalArgumentException(key + " must be a number of at least 0");
    }
    return value.asDouble();
  }

  private static Duration ms(JsonNode node, String key) {
    return Duration.ofNanos(Math.round(number(node, key) * 1e6));
  }
}
