package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench's figures: medians and spread per cell, the model's ratio, pairs with virsh; text and
 * JSON alike.
 */
class MigrationBenchTableTest {
  private static final long MIB = 1024 * 1024;

  private static MigrationBenchTable.Sample sample(
      long totalMs, long guestDownMs, long sentMiB, long modelMs) {
    return new MigrationBenchTable.Sample(
        totalMs, 40, guestDownMs, sentMiB * MIB, 3, false, 2.0 * MIB, true, modelMs, 60, 100 * MIB);
  }

  private static MigrationBenchTable table() {
    MigrationBenchTable table = new MigrationBenchTable(3);
    table.add("0MiB/s", "precopy", sample(3000, 100, 90, 2000));
    table.add("0MiB/s", "precopy", sample(1000, 60, 80, 2000));
    table.add("0MiB/s", "precopy", sample(2000, 80, 100, 2000));
    table.addPair(
        "0MiB/s", new MigrationBenchTable.Pair(3000, 3300, 2000, "guest beats, memory intact"));
    table.addPair(
        "0MiB/s", new MigrationBenchTable.Pair(1000, 1200, 1000, "guest beats, memory intact"));
    table.addPair(
        "0MiB/s", new MigrationBenchTable.Pair(2000, 2100, 2500, "guest beats, memory intact"));
    table.add(
        "64MiB/s",
        "postcopy",
        new MigrationBenchTable.Sample(4000, -1, 300, 120 * MIB, -1, true, -1, false, 0, 0, 0));
    table.fail("64MiB/s", "postcopy", "migration of b9 timed out after 2m");
    table.fail("64MiB/s", "precopy", "QEMU ended");
    return table;
  }

  private static JsonNode json(MigrationBenchTable table) {
    ObjectNode document = JsonOutput.object();
    table.addTo(document);
    return document;
  }

  @Test
  void aCellShowsTheMedianItsSpreadAndTheModelsRatioToIt() {
    JsonNode row = json(table()).get("rows").get(0);

    assertEquals(3, row.get("n").asInt());
    assertEquals(2000, row.get("medianTotalMs").asLong());
    assertEquals(1000, row.get("minTotalMs").asLong());
    assertEquals(3000, row.get("maxTotalMs").asLong());
    assertEquals(80, row.get("medianGuestDowntimeMs").asLong());
    assertEquals(90.0, row.get("medianSentMiB").asDouble());
    assertEquals(2.0, row.get("medianMeasuredDirtyMiBs").asDouble());
    assertEquals(1.0, row.get("totalRatio").asDouble());
    assertEquals(1.11, row.get("dataRatio").asDouble());
    assertEquals(0.75, row.get("downtimeRatio").asDouble());
    assertEquals(
        true, row.get("withinGoal").asBoolean(), "total 1.00, data 1.11, downtime 20 ms off");
  }

  @Test
  void theOverheadIsTheMedianOfTheRatiosPairByPair() {
    JsonNode virsh = json(table()).get("virsh").get(0);

    assertEquals(
        List.of(1.5, 1.0, 0.8),
        virsh.get("pairs").findValues("ratio").stream().map(JsonNode::asDouble).toList());
    assertEquals(1.0, virsh.get("medianRatio").asDouble());
  }

  @Test
  void whatWasNotReportedOrNotFiniteIsNullOrADashNeverZero() {
    MigrationBenchTable table = table();
    JsonNode postcopy = json(table).get("rows").get(1);
    StringWriter text = new StringWriter();
    table.printText(new PrintWriter(text));

    assertTrue(postcopy.get("medianLibvirtDowntimeMs").isNull(), postcopy.toString());
    assertTrue(postcopy.get("medianPasses").isNull(), postcopy.toString());
    assertTrue(postcopy.get("medianMeasuredDirtyMiBs").isNull(), "QEMU measured none");
    assertEquals(false, postcopy.get("modelConverges").asBoolean());
    assertEquals(null, postcopy.get("totalRatio"), "no ratio to a model that never converges");
    assertEquals("migration of b9 timed out after 2m", postcopy.get("failures").get(0).asText());
    String line =
        text.toString()
            .lines()
            .filter(l -> l.startsWith("64MiB/s  postcopy*"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        line.matches(
            ".* - +300 +120\\.0 +- +- +never +- +- +- +- +-  \\(1 failed: migration of b9 .*"),
        line);
  }

  @Test
  void aCellWhereEveryMigrationFailedSaysWhy() {
    MigrationBenchTable table = table();
    StringWriter text = new StringWriter();
    table.printText(new PrintWriter(text));
    JsonNode precopy = json(table).get("rows").get(2);

    assertTrue(
        text.toString().contains("64MiB/s  precopy         0  all failed: QEMU ended"),
        text.toString());
    assertEquals(0, precopy.get("n").asInt());
    assertEquals("QEMU ended", precopy.get("failures").get(0).asText());
    assertEquals(null, precopy.get("medianTotalMs"));
  }

  @Test
  void theTextShowsTheFiguresOfTheJson() {
    MigrationBenchTable table = table();
    StringWriter text = new StringWriter();
    table.printText(new PrintWriter(text));
    JsonNode row = json(table).get("rows").get(0);
    JsonNode virsh = json(table).get("virsh").get(0);

    String[] columns =
        text.toString()
            .lines()
            .filter(l -> l.startsWith("0MiB/s   precopy"))
            .findFirst()
            .orElseThrow()
            .trim()
            .split(" +");
    assertEquals(
        List.of(
            "0MiB/s",
            "precopy",
            "3",
            "2000",
            "1000-3000",
            "40",
            "80",
            "90.0",
            "3",
            "2.0",
            "2000",
            "60",
            "100.0",
            "1.00",
            "1.11",
            "0.75"),
        List.of(columns));
    assertEquals(row.get("medianTotalMs").asText(), columns[3]);
    assertTrue(
        text.toString()
            .contains(
                "0MiB/s   nestbed precopy / virsh: median "
                    + String.format("%.2f", virsh.get("medianRatio").asDouble())
                    + " over 3 pairs (each: 1.50 1.00 0.80)"),
        text.toString());
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, MigrationBenchTable.median(new double[] {4, 1, 3, 2}));
    assertEquals(3.0, MigrationBenchTable.median(new double[] {5, 3, 1}));
  }

  @Test
  void badOptionsAreRefusedBeforeAnythingStarts() {
    InProcessCli repeat = InProcessCli.run("bench", "migration", "--repeat", "0");
    InProcessCli mode = InProcessCli.run("bench", "migration", "--modes", "precopy,fast");
    InProcessCli rate = InProcessCli.run("bench", "migration", "--rates", "4MiB");

    assertEquals(2, repeat.exitCode(), repeat.stderr());
    assertTrue(repeat.stderr().contains("--repeat must be at least 1, not 0"), repeat.stderr());
    assertEquals(2, mode.exitCode(), mode.stderr());
    assertTrue(mode.stderr().contains("unknown migration mode 'fast'"), mode.stderr());
    assertEquals(2, rate.exitCode(), rate.stderr());
    assertTrue(rate.stderr().contains("missing '/s'"), rate.stderr());
  }
}
