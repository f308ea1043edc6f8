package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.scenario.record.Metric;
import org.junit.jupiter.api.Test;

class HumanFormatTest {
  @Test
  void durationsReadAsAnEngineerWouldSayThem() {
    assertEquals("0 ms", HumanFormat.duration(0));
    assertEquals("412 ms", HumanFormat.duration(412));
    assertEquals("1.84 s", HumanFormat.duration(1_840));
    assertEquals("30.02 s", HumanFormat.duration(30_020));
    assertEquals("12 min 05 s", HumanFormat.duration(725_000));
  }

  @Test
  void metricsKeepTheirUnitExceptCounts() {
    assertEquals("830 ms", HumanFormat.metric(Metric.millis(830)));
    assertEquals("384 MiB", HumanFormat.metric(new Metric(384, "MiB")));
    assertEquals("2", HumanFormat.metric(new Metric(2, "count")));
    assertEquals("0.333 s", HumanFormat.metric(new Metric(1 / 3.0, "s")));
    assertEquals("NaN ms", HumanFormat.metric(new Metric(Double.NaN, "ms")));
  }

  @Test
  void sharesRoundToWholePercent() {
    assertEquals("59%", HumanFormat.percent(59_600, 101_450));
    assertEquals("<1%", HumanFormat.percent(150, 101_450));
    assertEquals("", HumanFormat.percent(1, 0));
  }
}
