package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.core.value.DataSize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code plan --json} carries the facts the text plan prints, for every shipped example. */
class PlanJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<Path> examples() throws IOException {
    return ExamplesTest.examples();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyNodePoolCellAndPartitionOfTheTextIsInTheJson(Path example) throws IOException {
    InProcessCli text = InProcessCli.run("plan", example.toString());
    InProcessCli json = InProcessCli.run("plan", "--json", example.toString());

    assertEquals(0, json.exitCode(), json.stderr());
    JsonNode plan = JSON.readTree(json.stdout());
    assertTrue(
        text.stdout().startsWith("scenario " + plan.get("scenario").asText() + "\n"),
        text.stdout());
    for (JsonNode node : plan.get("nodes")) {
      assertTrue(
          text.stdout()
              .contains(
                  String.format(
                      "  %-12s %2d CPU  %s%n",
                      node.get("name").asText(),
                      node.get("cpus").asInt(),
                      DataSize.ofMiB(node.get("memoryMib").asLong()))),
          node + " in\n" + text.stdout());
    }
    for (JsonNode pool : plan.get("pools")) {
      assertTrue(
          text.stdout()
              .contains(
                  "pool "
                      + pool.get("name").asText()
                      + " (backend "
                      + pool.get("backend").asText()
                      + ")"),
          pool + " in\n" + text.stdout());
      for (JsonNode cell : pool.path("cells")) {
        assertTrue(
            text.stdout()
                .contains(
                    "  cell " + cell.get("index").asInt() + " = " + cell.get("node").asText()),
            cell + " in\n" + text.stdout());
      }
    }
    for (JsonNode partition : plan.get("partitions")) {
      assertTrue(
          text.stdout()
              .contains(
                  "  "
                      + String.format(
                          "%-10s pool %-8s",
                          partition.get("name").asText(), partition.get("pool").asText())),
          partition + " in\n" + text.stdout());
    }
    assertEquals(
        text.stdout().lines().filter(l -> l.startsWith("  cell ")).count(),
        plan.findValues("cells").stream()
            .filter(c -> c.size() > 0 && c.get(0).isObject())
            .mapToLong(JsonNode::size)
            .sum());
  }

  @Test
  void jsonAndXmlTogetherAreRefused() throws IOException {
    InProcessCli both = InProcessCli.run("plan", "--json", "--xml", examples().get(0).toString());

    assertEquals(2, both.exitCode());
    assertTrue(both.stderr().contains("--json and --xml"), both.stderr());
  }
}
