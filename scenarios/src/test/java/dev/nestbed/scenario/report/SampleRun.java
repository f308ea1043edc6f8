package dev.nestbed.scenario.report;

import dev.nestbed.scenario.record.CellFree;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.record.TimeSeries;
import dev.nestbed.scenario.record.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic run: two nodes aggregated into a pool of two cells (a third node spare), two
 * partitions, a resize, a parallel group whose move is not supported yet, a skipped step, a
 * failed expectation, heartbeat gaps of both partitions and a migration-remaining series.
 */
final class SampleRun {
  static final String SCENARIO = "pool-resize-demo";
  static final String SCRIPT_MESSAGE = "p2 paused: <script>alert(\"boom\")</script> & more";

  private SampleRun() {}

  static RunRecord create() {
    return new RunRecord(SCENARIO, "scenarios/examples/pool-resize-demo.yaml", "nb-7f3a9c", "2025-06-14T09:31:07Z",
        "TCG (no /dev/kvm; guests are emulated)", 101_450, Outcome.FAILED, "a step failed", phases(), topology(),
        steps(), expectations(), series(), cellsFree(),
        List.of("logs/n1/libvirtd.log", "logs/n2/libvirtd.log", "logs/p1.console.log", "logs/p2.console.log",
            "logs/run log.txt"));
  }

  /**
   * A run where everything passed: a migration, a parallel group of a resize and a wait, a second
   * wait for the same partition, a node joining the pool, and two expectations met.
   */
  static RunRecord passing() {
    StepRecord resizeP2 = step("3.0", "resize", List.of("p2"), "resize p2 to 2 vCPUs", 70_000, 72_500,
        Outcome.PASSED, "", metrics("seen-after.vcpus", Metric.millis(910)));
    StepRecord waitP1 = step("3.1", "wait", List.of("p1"), "wait for the first heartbeat of p1", 70_000, 70_400,
        Outcome.PASSED, "", Map.of());
    List<StepRecord> steps = List.of(
        step("0", "start", List.of("p1", "p2"), "start p1, p2", 38_200, 41_900, Outcome.PASSED, "", Map.of()),
        step("1", "wait", List.of("p1", "p2"), "wait for the first heartbeat of p1, p2", 41_900, 61_700,
            Outcome.PASSED, "", Map.of()),
        step("2", "migrate", List.of("p1", "other"), "migrate p1 to pool other (precopy)", 61_700, 70_000,
            Outcome.PASSED, "", metrics("guest-downtime", Metric.millis(212))),
        new StepRecord("3", "parallel", List.of("p2", "p1"),
            "parallel: resize p2 to 2 vCPUs | wait for the first heartbeat of p1", 70_000, 72_500, Outcome.PASSED, "",
            Map.of(), List.of(resizeP2, waitP1)),
        step("4", "wait", List.of("p1"), "wait for the first heartbeat of p1", 72_500, 73_000, Outcome.PASSED, "",
            Map.of()),
        step("5", "add-node", List.of("big", "n3"), "add node n3 to pool big", 73_000, 80_000, Outcome.PASSED, "",
            Map.of()));
    List<ExpectationRecord> expectations = List.of(
        new ExpectationRecord("p1 alive, memory intact", "alive, memory intact", "alive, 64MiB checksum ok",
            Outcome.PASSED, ""),
        new ExpectationRecord("p1 guest-downtime of migrate <= 2s", "<= 2s", "212ms", Outcome.PASSED, ""));
    RunRecord failing = create();
    return new RunRecord(SCENARIO, failing.scenarioFile(), "nb-5e21d0", "2025-06-14T10:02:41.123456Z",
        failing.accelerator(), 90_000, Outcome.PASSED, "", phases(41_800, 10_000), failing.topology(), steps,
        expectations, List.of(), List.of(), failing.logs());
  }

  /** Before the steps, after start (p1 on n1, p2 on n2), after p1's resize to 2 vCPUs and 384MiB. */
  static List<CellFree> cellsFree() {
    return List.of(
        new CellFree("", "big", "n1", 2, 2, 2816, 2816), new CellFree("", "big", "n2", 2, 2, 2816, 2816),
        new CellFree("0", "big", "n1", 1, 2, 2560, 2816), new CellFree("0", "big", "n2", 1, 2, 2560, 2816),
        new CellFree("2", "big", "n1", 0, 2, 2432, 2816), new CellFree("2", "big", "n2", 1, 2, 2560, 2816));
  }

  static Map<String, Long> phases() {
    return phases(59_600, 3_650);
  }

  private static Map<String, Long> phases(long stepsMs, long teardownMs) {
    Map<String, Long> phases = new LinkedHashMap<>();
    phases.put("plan", 150L);
    phases.put("nodes", 9_800L);
    phases.put("boot", 28_250L);
    phases.put("steps", stepsMs);
    phases.put("teardown", teardownMs);
    return phases;
  }

  static Topology topology() {
    return new Topology(
        List.of(new Topology.NodeInfo("n1", "local", 2, 3072, "10.77.0.11"),
            new Topology.NodeInfo("n2", "local", 2, 3072, "10.77.0.12"),
            new Topology.NodeInfo("n3", "local", 2, 3072, "")),
        List.of(new Topology.PoolInfo("big", "nested",
            List.of(new Topology.CellInfo("n1", 2, 2816), new Topology.CellInfo("n2", 2, 2816)),
            List.of(List.of(10, 20), List.of(20, 10)), List.of("n3"),
            List.of(new Topology.ObservedCell(0, 2, 2998, List.of(10, 20)),
                new Topology.ObservedCell(1, 2, 3012, List.of(20, 10))),
            List.of())),
        List.of(new Topology.PlacementInfo("p1", "big", List.of("n1"), 1, 2, 256, "big", List.of("n2")),
            new Topology.PlacementInfo("p2", "big", List.of("n2"), 1, 2, 256, null, null)));
  }

  static List<StepRecord> steps() {
    StepRecord resizeP2 = step("4.0", "resize", List.of("p2"), "resize p2 to 2 vCPUs", 93_560, 97_800, Outcome.PASSED,
        "", metrics("seen-after.vcpus", Metric.millis(910)));
    StepRecord moveP1 = step("4.1", "move", List.of("p1"), "move p1 to cells n2", 93_560, 93_575,
        Outcome.NOT_SUPPORTED, "move inside a pool is not supported by the nested backend yet; try migrate", Map.of());
    return List.of(
        step("0", "start", List.of("p1", "p2"), "start p1, p2", 38_200, 41_900, Outcome.PASSED, "",
            metrics("p1.define", Metric.millis(412), "p2.define", Metric.millis(388))),
        step("1", "wait", List.of("p1", "p2"), "wait for the first heartbeat of p1, p2", 41_900, 61_700,
            Outcome.PASSED, "", metrics("p1.first-heartbeat", Metric.millis(17_030), "p2.first-heartbeat",
                Metric.millis(19_750))),
        step("2", "resize", List.of("p1"), "resize p1 to 2 vCPUs, 384MiB", 61_700, 63_540, Outcome.PASSED, "",
            metrics("seen-after.vcpus", Metric.millis(830), "seen-after.memory", Metric.millis(1_420),
                "memory.online", new Metric(384, "MiB"))),
        step("3", "wait", List.of(), "wait for 30s", 63_540, 93_560, Outcome.PASSED, "", Map.of()),
        new StepRecord("4", "parallel", List.of("p2", "p1"), "parallel: resize p2 to 2 vCPUs | move p1 to cells n2",
            93_560, 97_800, Outcome.NOT_SUPPORTED, "failed: 4.1 NOT_SUPPORTED", Map.of(), List.of(resizeP2, moveP1)),
        step("5", "wait", List.of(), "wait for 3s", 97_800, 97_800, Outcome.SKIPPED, "an earlier step failed",
            Map.of()));
  }

  static List<ExpectationRecord> expectations() {
    return List.of(
        new ExpectationRecord("p1 alive, memory intact", "alive, memory intact", "alive, 64MiB checksum ok",
            Outcome.PASSED, ""),
        new ExpectationRecord("p2 heartbeat-gap <= 2s", "<= 2s", "2.31s", Outcome.FAILED, SCRIPT_MESSAGE),
        new ExpectationRecord("p1 seen-after of resize <= 30s", "<= 30s", "1.42s", Outcome.PASSED, ""));
  }

  static List<TimeSeries> series() {
    Random random = new Random(42);
    return List.of(heartbeats("p1", 58_900, random, 62_400, 180), heartbeats("p2", 61_650, random, 95_200, 2_310),
        migrationRemaining());
  }

  /** A gap every 200 ms until teardown: jitter around 12 ms and one pause. */
  private static TimeSeries heartbeats(String partition, long from, Random random, long pauseAt, double pauseMs) {
    List<TimeSeries.Point> points = new ArrayList<>();
    for (long at = from; at <= 97_800; at += 200) {
      double gap = Math.abs(at - pauseAt) <= 100 ? pauseMs : 10 + random.nextDouble() * 6;
      points.add(new TimeSeries.Point(at, Math.round(gap * 10) / 10.0));
    }
    return new TimeSeries("heartbeat-gap", partition, "ms", points);
  }

  private static TimeSeries migrationRemaining() {
    List<TimeSeries.Point> points = new ArrayList<>();
    double remaining = 256;
    for (long at = 93_560; remaining > 0; at += 100) {
      points.add(new TimeSeries.Point(at, remaining));
      remaining = Math.max(0, Math.round((remaining - 24 + (at % 300 == 0 ? 6 : 0)) * 10) / 10.0);
    }
    points.add(new TimeSeries.Point(93_560 + 100L * points.size(), 0));
    return new TimeSeries("migration-remaining", "p1", "MiB", points);
  }

  static StepRecord step(String path, String kind, List<String> subjects, String summary, long start, long end,
      Outcome outcome, String message, Map<String, Metric> metrics) {
    return new StepRecord(path, kind, subjects, summary, start, end, outcome, message, metrics, List.of());
  }

  private static Map<String, Metric> metrics(Object... pairs) {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      metrics.put((String) pairs[i], (Metric) pairs[i + 1]);
    }
    return metrics;
  }
}
