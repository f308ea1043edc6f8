package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code nestbed bench migration} at its smallest (one rate, pre-copy, one repeat): a warm-up, then
 * one migration by nestbed and one by plain virsh between two real local nodes, and a table with
 * every column filled from what was measured.
 */
class MigrationBenchIT {
  @Test
  void theSmallestMatrixPrintsEveryColumnAndLeavesNothingBehind() throws Exception {
    String run;
    String output;
    try (NestbedProcess bench =
        NestbedProcess.start(
            "bench", "migration", "--rates", "4MiB/s", "--modes", "precopy", "--repeat", "1")) {
      run = bench.runId().orElseThrow();
      assertEquals(0, bench.awaitExit(Duration.ofMinutes(12)), bench.output());
      output = bench.output();
    }

    assertTrue(output.contains("warm-up, not counted: 4MiB/s precopy in "), output);
    assertTrue(
        output
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        "model calibrated by 3 idle migrations, not counted: M = [0-9.]+ MiB sent,"
                            + " B = [0-9.]+ MiB/s .*")),
        output);
    List<String> lines = output.lines().toList();
    int header =
        lines.indexOf(
            lines.stream()
                .filter(l -> l.startsWith("dirty "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no table header in:\n" + output)));
    assertEquals(
        List.of(
            "dirty", "mode", "n", "total", "ms", "min-max", "lv", "down", "gst", "dwn", "sent",
            "MiB", "passes", "D", "MiB/s", "model", "ms", "m", "down", "m", "MiB", "total", "data",
            "down"),
        List.of(lines.get(header).trim().split(" +")));
    String[] row = lines.get(header + 1).trim().split(" +");
    assertEquals(16, row.length, lines.get(header + 1));
    assertEquals("4MiB/s", row[0]);
    assertEquals("precopy", row[1]);
    assertEquals("1", row[2]);
    assertTrue(Long.parseLong(row[3]) > 0, "total ms: " + row[3]);
    assertEquals(row[3] + "-" + row[3], row[4], "one sample: min and max are the median");
    assertTrue(Double.parseDouble(row[7]) > 1, "MiB sent: " + row[7]);
    for (int column : new int[] {13, 14, 15}) {
      assertTrue(
          row[column].matches("[0-9]+\\.[0-9]{2}"), "ratio column " + column + ": " + row[column]);
    }
    String pair = lines.get(header + 2);
    assertTrue(
        pair.matches(
            "4MiB/s +nestbed precopy / virsh: median [0-9.]+ over 1 pairs \\(each: [0-9.]+\\);"
                + " virsh median [0-9]+ ms; guest beats, memory intact"),
        pair);
    assertEquals(List.of(), Leftovers.of(run));
  }
}
