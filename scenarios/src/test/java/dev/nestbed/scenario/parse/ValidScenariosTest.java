package dev.nestbed.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.spec.AddNodeStep;
import dev.nestbed.scenario.spec.Bound;
import dev.nestbed.scenario.spec.HostSpec;
import dev.nestbed.scenario.spec.InterconnectSpec;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.MigrateStep;
import dev.nestbed.scenario.spec.MoveStep;
import dev.nestbed.scenario.spec.NodesSpec;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PartitionExpect;
import dev.nestbed.scenario.spec.PoolExpect;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.RemoveNodeStep;
import dev.nestbed.scenario.spec.ResizeStep;
import dev.nestbed.scenario.spec.ScenarioSpec;
import dev.nestbed.scenario.spec.StartStep;
import dev.nestbed.scenario.spec.StepExpect;
import dev.nestbed.scenario.spec.WaitStep;
import dev.nestbed.scenario.spec.WorkloadSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ValidScenariosTest {
  private static final String FILE = "scenario-md-example.yaml";

  private static ScenarioSpec load(String name) throws IOException, URISyntaxException {
    Path file = Path.of(ValidScenariosTest.class.getResource("/valid/" + name).toURI());
    return ScenarioLoader.load(name, Files.readString(file));
  }

  private static Location at(int line, int column) {
    return new Location(FILE, line, column);
  }

  private static DataSize size(String text) {
    return DataSize.parse(text);
  }

  @Test
  void theExampleOfScenarioMdParsesIntoItsDeclarations() throws Exception {
    ScenarioSpec spec = load(FILE);

    assertAll(
        () -> assertEquals("aggregate-partition-migrate", spec.name()),
        () ->
            assertTrue(spec.description().startsWith("Two nodes aggregated into one virtual SMP")),
        () ->
            assertEquals(
                new NodesSpec(
                    "local",
                    List.of(
                        new HostSpec("n1", 2, size("3GiB"), null, null, at(10, 7)),
                        new HostSpec("n2", 2, size("3GiB"), null, null, at(11, 7)),
                        new HostSpec("n3", 2, size("3GiB"), null, null, at(12, 7)),
                        new HostSpec("h2", 2, size("2GiB"), null, null, at(13, 7))),
                    at(7, 1)),
                spec.nodes()),
        () ->
            assertEquals(
                new InterconnectSpec(TimeSpan.parse("2us"), DataRate.parse("10Gbit/s"), at(15, 1)),
                spec.interconnect()),
        () ->
            assertEquals(
                List.of(
                    new PoolSpec(
                        "big",
                        "nested",
                        List.of("n1", "n2"),
                        List.of("n3"),
                        size("256MiB"),
                        null,
                        at(18, 5)),
                    new PoolSpec(
                        "other",
                        "nested",
                        List.of("h2"),
                        List.of(),
                        size("256MiB"),
                        null,
                        at(23, 5))),
                spec.pools()),
        () ->
            assertEquals(
                List.of(
                    new PartitionDecl(
                        "p1",
                        "big",
                        1,
                        2,
                        size("256MiB"),
                        size("512MiB"),
                        List.of("n1"),
                        null,
                        new WorkloadSpec(size("64MiB"), DataRate.parse("8MiB/s")),
                        at(28, 5)),
                    new PartitionDecl(
                        "p2",
                        "big",
                        1,
                        1,
                        size("256MiB"),
                        size("256MiB"),
                        List.of(),
                        "spread",
                        WorkloadSpec.DEFAULT,
                        at(36, 5))),
                spec.partitions()));
  }

  @Test
  void theExampleOfScenarioMdParsesIntoItsStepsAndExpectations() throws Exception {
    ScenarioSpec spec = load(FILE);
    Optional<TimeSpan> none = Optional.empty();

    assertAll(
        () ->
            assertEquals(new StartStep(List.of("p1", "p2"), none, at(39, 5)), spec.steps().get(0)),
        () ->
            assertEquals(
                new WaitStep(
                    List.of("p1", "p2"), null, Optional.of(TimeSpan.parse("5m")), at(40, 5)),
                spec.steps().get(1)),
        () ->
            assertEquals(
                new ResizeStep("p1", 2, size("384MiB"), none, at(41, 5)), spec.steps().get(2)),
        () -> assertEquals(new MoveStep("p1", List.of("n2"), none, at(42, 5)), spec.steps().get(3)),
        () -> assertEquals(new AddNodeStep("big", "n3", none, at(43, 5)), spec.steps().get(4)),
        () ->
            assertEquals(
                new MigrateStep(
                    "p1",
                    "other",
                    "precopy",
                    TimeSpan.parse("300ms"),
                    DataRate.parse("200MiB/s"),
                    null,
                    null,
                    null,
                    Optional.of(TimeSpan.parse("3m")),
                    at(44, 5)),
                spec.steps().get(5)),
        () ->
            assertEquals(
                new RemoveNodeStep("big", "n1", true, none, at(51, 5)), spec.steps().get(6)),
        () ->
            assertEquals(
                new ParallelStep(
                    List.of(
                        new MigrateStep(
                            "p2", "other", "precopy", null, null, null, null, null, none,
                            at(53, 9)),
                        new ResizeStep("p1", 1, null, none, at(54, 9))),
                    none,
                    at(52, 5)),
                spec.steps().get(7)),
        () -> assertEquals(8, spec.steps().size()),
        () ->
            assertEquals(
                List.of(
                    new PartitionExpect("p1", true, true, null, null, null, at(57, 5)),
                    new StepExpect(
                        "migrate",
                        "p1",
                        Map.of("guest-downtime", new Bound(null, TimeSpan.parse("2s"))),
                        at(58, 5)),
                    new PoolExpect("big", 2, at(59, 5))),
                spec.expectations()),
        () ->
            assertEquals(
                List.of(
                    "p1 alive, memory-intact",
                    "p1 guest-downtime of migrate <= 2s",
                    "pool big has 2 cells"),
                spec.expectations().stream().map(e -> e.describe()).toList()),
        () -> assertEquals(List.of("p2", "other", "p1"), spec.steps().get(7).subjects()),
        () -> assertEquals("parallel", spec.steps().get(7).kind()));
  }

  @Test
  void theLookupHelpersFindDeclarationsByName() throws Exception {
    ScenarioSpec spec = load(FILE);

    assertEquals("spread", spec.partition("p2").orElseThrow().policy());
    assertEquals(List.of("h2"), spec.pool("other").orElseThrow().nodes());
    assertEquals(size("2GiB"), spec.host("h2").orElseThrow().memory());
    assertTrue(spec.partition("p9").isEmpty());
  }

  @Test
  void memoryDeviceAndAllowUnsafeMigrationAreRead() throws Exception {
    ScenarioSpec spec = load("every-key.yaml");
    assertEquals("virtio-mem", spec.partition("p1").orElseThrow().memoryDevice(), "the default");
    assertEquals("dimm", spec.partition("p2").orElseThrow().memoryDevice());
    List<MigrateStep> migrations =
        spec.steps().stream()
            .filter(MigrateStep.class::isInstance)
            .map(MigrateStep.class::cast)
            .toList();
    assertEquals(
        List.of(false, true, false), migrations.stream().map(MigrateStep::allowUnsafe).toList());
  }

  @Test
  void everyKeyAndShortFormIsRead() throws Exception {
    ScenarioSpec spec = load("every-key.yaml");

    PoolSpec adopted = spec.pool("adopted").orElseThrow();
    MigrateStep postcopy = (MigrateStep) spec.steps().get(9);
    ParallelStep group = (ParallelStep) spec.steps().get(13);
    assertAll(
        () -> assertEquals("host", adopted.backend()),
        () -> assertEquals("qemu+ssh://root@bighost/system", adopted.uri()),
        () -> assertEquals(size("512MiB"), spec.pool("big").orElseThrow().reservePerNodeMemory()),
        () ->
            assertEquals(
                new WaitStep(
                    List.of(),
                    TimeSpan.parse("1.5s"),
                    Optional.empty(),
                    new Location("every-key.yaml", 39, 5)),
                spec.steps().get(2)),
        () ->
            assertEquals(
                "big", ((dev.nestbed.scenario.spec.RebalanceStep) spec.steps().get(7)).pool()),
        () -> assertEquals("postcopy", postcopy.mode()),
        () -> assertEquals(4, postcopy.connections()),
        () -> assertEquals(2, postcopy.postcopyAfterIterations()),
        () -> assertEquals(DataRate.parse("1GiB/s"), postcopy.bandwidth()),
        () -> assertEquals(Optional.of(TimeSpan.parse("5m")), group.timeout()),
        () -> assertEquals(2, group.steps().size()),
        () -> assertNull(((StepExpect) spec.expectations().get(3)).partition()),
        () ->
            assertEquals(
                new Bound(TimeSpan.parse("1ms"), TimeSpan.parse("1s")),
                ((StepExpect) spec.expectations().get(1)).metrics().get("downtime")),
        () ->
            assertEquals(
                List.of("guest-downtime", "downtime", "total-time"),
                List.copyOf(((StepExpect) spec.expectations().get(1)).metrics().keySet())));
  }

  @Test
  void absentSectionsGetTheirDefaults() {
    ScenarioSpec spec =
        ScenarioLoader.load(
            "small.yaml",
            """
        name: small
        nodes: {hosts: [{name: n1, cpus: 1, memory: 1GiB}]}
        pools: [{name: big, nodes: [n1]}]
        partitions: [{name: p1, pool: big, vcpus: 1, memory: 256MiB}]
        steps: [{rebalance: big}]
        """);

    assertAll(
        () -> assertEquals("", spec.description()),
        () -> assertEquals("local", spec.nodes().provider()),
        () -> assertEquals(InterconnectSpec.DEFAULT_LATENCY, spec.interconnect().latency()),
        () -> assertEquals(DataRate.parse("10Gbit/s"), spec.interconnect().bandwidth()),
        () -> assertEquals("nested", spec.pools().get(0).backend()),
        () -> assertEquals(DataSize.ofMiB(256), spec.pools().get(0).reservePerNodeMemory()),
        () -> assertEquals(1, spec.partitions().get(0).maxVcpus()),
        () -> assertEquals(DataSize.ofMiB(256), spec.partitions().get(0).maxMemory()),
        () ->
            assertEquals(
                new WorkloadSpec(DataSize.ofMiB(16), DataRate.ZERO),
                spec.partitions().get(0).workload()),
        () -> assertEquals(List.of(), spec.expectations()));
  }

  @Test
  void aScenarioWhosePoolsAllAdoptMachinesByUriNeedsNoNodes() {
    ScenarioSpec spec =
        ScenarioLoader.load(
            "adopt.yaml",
            """
        name: adopt
        pools: [{name: big, backend: host, uri: "qemu+ssh://root@bighost/system"}]
        partitions: [{name: p1, pool: big, vcpus: 1, memory: 256MiB, cells: [1]}]
        """);
    assertAll(
        () -> assertEquals(List.of(), spec.nodes().hosts()),
        () -> assertTrue(spec.pool("big").orElseThrow().adoptsByUri()),
        () -> assertEquals(List.of("1"), spec.partitions().get(0).cells()));
  }

  @Test
  void aNestedGroupThatOnlyWatchesAPartitionAnOuterStepResizesIsValid() {
    ScenarioSpec spec =
        ScenarioLoader.load(
            "watch.yaml",
            """
        name: watch
        nodes: {hosts: [{name: n1, cpus: 2, memory: 2GiB}, {name: n2, cpus: 2, memory: 2GiB}]}
        pools: [{name: big, nodes: [n1, n2]}]
        partitions: [{name: p1, pool: big, vcpus: 1, max-vcpus: 2, memory: 256MiB}]
        steps:
          - start: [p1]
          - parallel:
              - resize: {partition: p1, vcpus: 2}
              - parallel:
                  - wait: {heartbeat: [p1]}
                  - wait: {for: 1s}
          - remove-node: {pool: big, node: n2}
        expect:
          - {step: remove-node, seen-after: {max: 1m}}
        """);
    assertEquals(3, spec.steps().size());
  }

  /** The module's {@code examples/} directory, found upwards from the test resources. */
  private static Optional<Path> examplesDirectory() throws URISyntaxException {
    Path directory = Path.of(ValidScenariosTest.class.getResource("/valid").toURI());
    for (; directory != null; directory = directory.getParent()) {
      if (Files.isDirectory(directory.resolve("examples"))
          && Files.exists(directory.resolve("pom.xml"))) {
        return Optional.of(directory.resolve("examples"));
      }
    }
    return Optional.empty();
  }

  @Test
  void everyShippedExampleIsValid() throws Exception {
    Optional<Path> examples = examplesDirectory();
    if (examples.isEmpty()) {
      return;
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(examples.get())) {
      files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertAll(
        files.stream()
            .map(
                file ->
                    () ->
                        assertDoesNotThrow(
                            () -> ScenarioLoader.load(file), () -> file + " is invalid")));
  }
}
