package dev.nestbed.scenario.report;

import dev.nestbed.scenario.record.CellFree;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Fact;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.Provenance;
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
 * partitions, a resize, a parallel group whose move is not supported yet, a skipped step, a failed
 * expectation, heartbeat gaps of both partitions and the series of a migration of p1 that no step
 * of the record matches.
 */
final class SampleRun {
  static final String SCENARIO = "pool-resize-demo";
  static final String SCRIPT_MESSAGE = "p2 paused: <script>alert(\"boom\")</script> & more";

  private SampleRun() {}

  static RunRecord create() {
    return new RunRecord(
        SCENARIO,
        "scenarios/examples/pool-resize-demo.yaml",
        "nb-7f3a9c",
        "2025-06-14T09:31:07Z",
        "TCG (no /dev/kvm; guests are emulated)",
        101_450,
        Outcome.FAILED,
        "a step failed",
        phases(),
        topology(),
        steps(),
        expectations(),
        series(),
        cellsFree(),
        List.of(
            "logs/n1/libvirtd.log",
            "logs/n2/libvirtd.log",
            "logs/p1.console.log",
            "logs/p2.console.log",
            "logs/run log.txt"),
        provenance());
  }

  /**
   * A run where everything passed: a migration (every series of {@link #migration}, its figures
   * measured and predicted), a parallel group of a resize and a wait, a second wait for the same
   * partition, a node joining the pool, and two expectations met.
   */
  static RunRecord passing() {
    StepRecord resizeP2 =
        step(
            "3.0",
            "resize",
            List.of("p2"),
            "resize p2 to 2 vCPUs",
            70_000,
            72_500,
            Outcome.PASSED,
            "",
            metrics("seen-after.vcpus", Metric.millis(910)));
    StepRecord waitP1 =
        step(
            "3.1",
            "wait",
            List.of("p1"),
            "wait for the first heartbeat of p1",
            70_000,
            70_400,
            Outcome.PASSED,
            "",
            Map.of());
    List<StepRecord> steps =
        List.of(
            step(
                "0",
                "start",
                List.of("p1", "p2"),
                "start p1, p2",
                38_200,
                41_900,
                Outcome.PASSED,
                "",
                Map.of()),
            step(
                "1",
                "wait",
                List.of("p1", "p2"),
                "wait for the first heartbeat of p1, p2",
                41_900,
                61_700,
                Outcome.PASSED,
                "",
                Map.of()),
            step(
                "2",
                "migrate",
                List.of("p1", "other"),
                "migrate p1 to pool other (precopy)",
                61_700,
                70_000,
                Outcome.PASSED,
                "",
                migrateMetrics()),
            new StepRecord(
                "3",
                "parallel",
                List.of("p2", "p1"),
                "parallel: resize p2 to 2 vCPUs | wait for the first heartbeat of p1",
                70_000,
                72_500,
                Outcome.PASSED,
                "",
                Map.of(),
                List.of(resizeP2, waitP1)),
            step(
                "4",
                "wait",
                List.of("p1"),
                "wait for the first heartbeat of p1",
                72_500,
                73_000,
                Outcome.PASSED,
                "",
                Map.of()),
            step(
                "5",
                "add-node",
                List.of("big", "n3"),
                "add node n3 to pool big",
                73_000,
                80_000,
                Outcome.PASSED,
                "",
                Map.of()));
    List<ExpectationRecord> expectations =
        List.of(
            new ExpectationRecord(
                "p1 alive, memory intact",
                "alive, memory intact",
                "alive, 64MiB checksum ok",
                Outcome.PASSED,
                ""),
            new ExpectationRecord(
                "p1 guest-downtime of migrate <= 2s", "<= 2s", "212ms", Outcome.PASSED, ""));
    RunRecord failing = create();
    return new RunRecord(
        SCENARIO,
        failing.scenarioFile(),
        "nb-5e21d0",
        "2025-06-14T10:02:41.123456Z",
        failing.accelerator(),
        90_000,
        Outcome.PASSED,
        "",
        phases(41_800, 10_000),
        failing.topology(),
        steps,
        expectations,
        migration("p1", MIGRATION_CALL_MS),
        List.of(),
        failing.logs(),
        failing.provenance(),
        failing.simulation());
  }

  /**
   * The scenario's text as the sample run read it: not ASCII throughout, so its hash covers UTF-8.
   */
  static final String SCENARIO_TEXT =
      """
      name: pool-resize-demo
      description: Two nodes in one pool, two partitions; p1 grows, p2 grows while p1 moves (2 µs links).
      nodes:
        provider: local
        hosts:
          - {name: n1, cpus: 2, memory: 3GiB}
          - {name: n2, cpus: 2, memory: 3GiB}
          - {name: n3, cpus: 2, memory: 3GiB}
      pools:
        - {name: big, backend: nested, nodes: [n1, n2], spare: [n3]}
      partitions:
        - {name: p1, pool: big, vcpus: 1, max-vcpus: 2, memory: 256MiB, max-memory: 512MiB, cells: [n1]}
        - {name: p2, pool: big, vcpus: 1, max-vcpus: 2, memory: 256MiB, cells: [n2]}
      steps:
        - start: [p1, p2]
        - wait: {heartbeat: [p1, p2]}
        - resize: {partition: p1, vcpus: 2, memory: 384MiB}
        - wait: 30s
        - parallel:
            - resize: {partition: p2, vcpus: 2}
            - move: {partition: p1, to-cells: [n2]}
        - wait: 3s
      expect:
        - {partition: p1, alive: true, memory-intact: true}
        - {partition: p2, heartbeat-gap: {max: 2s}}
      """;

  /**
   * Where the sample run came from: a packaged nestbed at a known commit, invoked with an output
   * directory whose name needs quoting; this machine's kernel and QEMU read, its libvirtd not
   * installed (so that the record shows a fact that could not be read, and why).
   */
  static Provenance provenance() {
    Fact onThisMachine = Fact.known("on this machine: its libvirtd and QEMU are the host's");
    return new Provenance(
        new Provenance.Build(
            Fact.known("0.1.0-SNAPSHOT"), Fact.known("bd69333c0b7e2f4a9d1e5c8b3a6f0e2d4c7b9a18")),
        List.of(
            "nestbed",
            "run",
            "scenarios/examples/pool-resize-demo.yaml",
            "--out",
            "runs/monday morning"),
        new Provenance.Host(
            Fact.known("6.1.0-27-amd64"),
            Fact.known("QEMU emulator version 10.0.2 (Debian 1:10.0.2+ds-2+deb13u1~bpo12+1)"),
            Fact.unknown(
                "libvirtd is not installed (not in /usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin)")),
        Fact.known("TCG (no /dev/kvm; guests are emulated)"),
        List.of(
            new Provenance.NodeAbout("n1", "local", onThisMachine),
            new Provenance.NodeAbout("n2", "local", onThisMachine),
            new Provenance.NodeAbout("n3", "local", onThisMachine)),
        Provenance.ScenarioSource.of(
            "/home/ada/nestbed/scenarios/examples/pool-resize-demo.yaml", SCENARIO_TEXT));
  }

  /** When the migration of {@link #passing()} was called, in ms since the run started. */
  static final long MIGRATION_CALL_MS = 62_000;

  /** What a migration of 256 MiB measured: three passes, next to the model's three. */
  static Map<String, Metric> migrateMetrics() {
    return metrics(
        "total-time",
        Metric.millis(5_100),
        "downtime",
        Metric.millis(48),
        "guest-downtime",
        Metric.millis(212),
        "lost-heartbeats",
        new Metric(0, "count"),
        "bytes-sent",
        new Metric(301.4, "MiB"),
        "iterations",
        new Metric(3, "count"),
        "memory-intact",
        new Metric(1, "bool"),
        "dirty-rate",
        new Metric(8, "MiB/s"),
        "bandwidth",
        new Metric(60, "MiB/s"),
        "model.rounds",
        new Metric(3, "count"),
        "model.total-time",
        Metric.millis(4_604),
        "model.downtime",
        Metric.millis(71),
        "model.bytes-sent",
        new Metric(276.3, "MiB"));
  }

  /**
   * The series of a migration called at {@code callMs}: a sample every 200 ms from 200 ms on, the
   * first pass falling from 256 MiB at 64 MiB/s, a second from 32 MiB, a third of 4 MiB; the sample
   * 2 s in reported no figure at all, the one 3.4 s in was never taken. The model's passes (240,
   * 32, 4.3 MiB, ending 4.6 s in), the guest's 212 ms heartbeat gap and libvirt's 48 ms.
   */
  static List<TimeSeries> migration(String partition, long callMs) {
    List<TimeSeries.Point> remaining = new ArrayList<>();
    List<TimeSeries.Point> throughput = new ArrayList<>();
    List<TimeSeries.Point> pass = new ArrayList<>();
    for (long at = callMs + 200; at <= callMs + 4_800; at += 200) {
      double t = (at - callMs - 200) / 1000.0;
      if (at == callMs + 3_400) {
        continue;
      }
      if (at == callMs + 2_000) {
        remaining.add(TimeSeries.Point.missing(at));
        throughput.add(TimeSeries.Point.missing(at));
        pass.add(TimeSeries.Point.missing(at));
        continue;
      }
      double left = t < 4.0 ? 256 - 64 * t : t < 4.5 ? 32 - 64 * (t - 4.0) : 4;
      remaining.add(new TimeSeries.Point(at, Math.round(left * 10) / 10.0));
      throughput.add(new TimeSeries.Point(at, t == 0 ? 12.0 : 64.0 + (at / 200 % 3 - 1) * 2.5));
      pass.add(new TimeSeries.Point(at, t < 4.0 ? 1.0 : t < 4.5 ? 2.0 : 3.0));
    }
    List<TimeSeries.Point> model =
        List.of(
            new TimeSeries.Point(callMs, 240.0),
            new TimeSeries.Point(callMs + 4_000, 32.0),
            new TimeSeries.Point(callMs + 4_533, 4.3),
            new TimeSeries.Point(callMs + 4_604, 0.0));
    return List.of(
        new TimeSeries("migration-remaining", partition, "MiB", remaining),
        new TimeSeries("migration-throughput", partition, "MiB/s", throughput),
        new TimeSeries("migration-pass", partition, "count", pass),
        new TimeSeries("migration-model-remaining", partition, "MiB", model),
        new TimeSeries(
            "migration-downtime-guest",
            partition,
            "ms",
            List.of(new TimeSeries.Point(callMs + 4_750, 212.0))),
        new TimeSeries(
            "migration-downtime-libvirt",
            partition,
            "ms",
            List.of(new TimeSeries.Point(callMs + 4_900, 48.0))));
  }

  /**
   * Before the steps, after start (p1 on n1, p2 on n2), after p1's resize to 2 vCPUs and 384MiB.
   */
  static List<CellFree> cellsFree() {
    return List.of(
        new CellFree("", "big", "n1", 2, 2, 2816, 2816),
            new CellFree("", "big", "n2", 2, 2, 2816, 2816),
        new CellFree("0", "big", "n1", 1, 2, 2560, 2816),
            new CellFree("0", "big", "n2", 1, 2, 2560, 2816),
        new CellFree("2", "big", "n1", 0, 2, 2432, 2816),
            new CellFree("2", "big", "n2", 1, 2, 2560, 2816));
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
        List.of(
            new Topology.NodeInfo("n1", "local", 2, 3072, "10.77.0.11"),
            new Topology.NodeInfo("n2", "local", 2, 3072, "10.77.0.12"),
            new Topology.NodeInfo("n3", "local", 2, 3072, "")),
        List.of(
            new Topology.PoolInfo(
                "big",
                "nested",
                List.of(new Topology.CellInfo("n1", 2, 2816), new Topology.CellInfo("n2", 2, 2816)),
                List.of(List.of(10, 20), List.of(20, 10)),
                List.of("n3"),
                List.of(
                    new Topology.ObservedCell(0, 2, 2998, List.of(10, 20)),
                    new Topology.ObservedCell(1, 2, 3012, List.of(20, 10))),
                List.of())),
        List.of(
            new Topology.PlacementInfo("p1", "big", List.of("n1"), 1, 2, 256, "big", List.of("n2")),
            new Topology.PlacementInfo("p2", "big", List.of("n2"), 1, 2, 256, null, null)));
  }

  static List<StepRecord> steps() {
    StepRecord resizeP2 =
        step(
            "4.0",
            "resize",
            List.of("p2"),
            "resize p2 to 2 vCPUs",
            93_560,
            97_800,
            Outcome.PASSED,
            "",
            metrics("seen-after.vcpus", Metric.millis(910)));
    StepRecord moveP1 =
        step(
            "4.1",
            "move",
            List.of("p1"),
            "move p1 to cells n2",
            93_560,
            93_575,
            Outcome.NOT_SUPPORTED,
            "move inside a pool is not supported by the nested backend yet; try migrate",
            Map.of());
    return List.of(
        step(
            "0",
            "start",
            List.of("p1", "p2"),
            "start p1, p2",
            38_200,
            41_900,
            Outcome.PASSED,
            "",
            metrics("p1.define", Metric.millis(412), "p2.define", Metric.millis(388))),
        step(
            "1",
            "wait",
            List.of("p1", "p2"),
            "wait for the first heartbeat of p1, p2",
            41_900,
            61_700,
            Outcome.PASSED,
            "",
            metrics(
                "p1.first-heartbeat",
                Metric.millis(17_030),
                "p2.first-heartbeat",
                Metric.millis(19_750))),
        step(
            "2",
            "resize",
            List.of("p1"),
            "resize p1 to 2 vCPUs, 384MiB",
            61_700,
            63_540,
            Outcome.PASSED,
            "",
            metrics(
                "seen-after.vcpus",
                Metric.millis(830),
                "seen-after.memory",
                Metric.millis(1_420),
                "memory.online",
                new Metric(384, "MiB"))),
        step("3", "wait", List.of(), "wait for 30s", 63_540, 93_560, Outcome.PASSED, "", Map.of()),
        new StepRecord(
            "4",
            "parallel",
            List.of("p2", "p1"),
            "parallel: resize p2 to 2 vCPUs | move p1 to cells n2",
            93_560,
            97_800,
            Outcome.NOT_SUPPORTED,
            "failed: 4.1 NOT_SUPPORTED",
            Map.of(),
            List.of(resizeP2, moveP1)),
        step(
            "5",
            "wait",
            List.of(),
            "wait for 3s",
            97_800,
            97_800,
            Outcome.SKIPPED,
            "an earlier step failed",
            Map.of()));
  }

  static List<ExpectationRecord> expectations() {
    return List.of(
        new ExpectationRecord(
            "p1 alive, memory intact",
            "alive, memory intact",
            "alive, 64MiB checksum ok",
            Outcome.PASSED,
            ""),
        new ExpectationRecord(
            "p2 heartbeat-gap <= 2s", "<= 2s", "2.31s", Outcome.FAILED, SCRIPT_MESSAGE),
        new ExpectationRecord(
            "p1 seen-after of resize <= 30s", "<= 30s", "1.42s", Outcome.PASSED, ""));
  }

  static List<TimeSeries> series() {
    Random random = new Random(42);
    List<TimeSeries> all =
        new ArrayList<>(
            List.of(
                heartbeats("p1", 58_900, random, 62_400, 180),
                heartbeats("p2", 61_650, random, 95_200, 2_310)));
    all.addAll(migration("p1", 92_800));
    return all;
  }

  /** A gap every 200 ms until teardown: jitter around 12 ms and one pause. */
  private static TimeSeries heartbeats(
      String partition, long from, Random random, long pauseAt, double pauseMs) {
    List<TimeSeries.Point> points = new ArrayList<>();
    for (long at = from; at <= 97_800; at += 200) {
      double gap = Math.abs(at - pauseAt) <= 100 ? pauseMs : 10 + random.nextDouble() * 6;
      points.add(new TimeSeries.Point(at, Math.round(gap * 10) / 10.0));
    }
    return new TimeSeries("heartbeat-gap", partition, "ms", points);
  }

  static StepRecord step(
      String path,
      String kind,
      List<String> subjects,
      String summary,
      long start,
      long end,
      Outcome outcome,
      String message,
      Map<String, Metric> metrics) {
    return new StepRecord(
        path, kind, subjects, summary, start, end, outcome, message, metrics, List.of());
  }

  private static Map<String, Metric> metrics(Object... pairs) {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      metrics.put((String) pairs[i], (Metric) pairs[i + 1]);
    }
    return metrics;
  }
}
