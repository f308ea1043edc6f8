package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepRowsTest {
  @Test
  void pathsAreNumberedFromOneAndPadded() {
    assertEquals("03", StepRows.number("2", 2));
    assertEquals("05.2", StepRows.number("4.1", 2));
    assertEquals("007", StepRows.number("6", 3));
    assertEquals("?", StepRows.number(null, 2));
  }

  @Test
  void childrenFollowTheirParallelGroup() {
    List<StepRows.Row> rows = StepRows.of(SampleRun.steps());

    assertEquals(
        List.of("01", "02", "03", "04", "05", "05.1", "05.2", "06"),
        rows.stream().map(StepRows.Row::number).toList());
    assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 0), rows.stream().map(StepRows.Row::depth).toList());
    assertEquals("05.2 move p1 to cells n2", rows.get(6).title());
  }
}
