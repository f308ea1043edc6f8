package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench validate --json}: one row per size with the columns of the text table. */
class ValidateBenchJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everySizeOfTheTableIsARowOfTheJson() throws IOException {
    InProcessCli text =
        InProcessCli.run("bench", "validate", "--sizes", "8x16x10,16x64x40", "--repeat", "1");
    InProcessCli json =
        InProcessCli.run(
            "bench", "validate", "--sizes", "8x16x10,16x64x40", "--repeat", "1", "--json");

    assertEquals(0, json.exitCode(), json.stderr());
    JsonNode bench = JSON.readTree(json.stdout());
    assertEquals(1, bench.get("repeat").asInt());
    List<String> table = text.stdout().lines().skip(1).toList();
    assertEquals(table.size(), bench.get("rows").size());
    for (int i = 0; i < table.size(); i++) {
      JsonNode row = bench.get("rows").get(i);
      String[] columns = table.get(i).trim().split(" +", 6);
      assertEquals(columns[0], row.get("size").asText());
      assertEquals(
          columns[0],
          row.get("nodes").asInt()
              + "x"
              + row.get("partitions").asInt()
              + "x"
              + row.get("steps").asInt());
      assertEquals(columns[1], String.format("%.1f", row.get("mib").asDouble()));
      assertEquals(columns[5], row.get("timed").asText());
      assertEquals(
          true,
          row.get("minMs").asLong() <= row.get("medianMs").asLong()
              && row.get("medianMs").asLong() <= row.get("maxMs").asLong(),
          row.toString());
    }
    assertEquals(
        2,
        json.stderr().lines().filter(l -> l.startsWith("bench validate: ")).count(),
        json.stderr());
  }

  @Test
  void quietLeavesOnlyTheData() throws IOException {
    InProcessCli json =
        InProcessCli.run(
            "-q", "bench", "validate", "--sizes", "8x16x10", "--repeat", "1", "--json");

    assertEquals(0, json.exitCode(), json.stderr());
    assertEquals("", json.stderr());
    assertEquals(1, JSON.readTree(json.stdout()).get("rows").size());
  }
}
