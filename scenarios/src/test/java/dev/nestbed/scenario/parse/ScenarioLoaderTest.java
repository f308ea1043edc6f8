package dev.nestbed.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.NestbedException;
import dev.nestbed.scenario.spec.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

  private static final String MANY_PROBLEMS =
      """
      name: many
      nodes:
        provider: local
        hosts:
          - {name: n1, cpus: 2, memory: 2GiB}
          - {name: n2, cpus: 2, memroy: 2GiB}
          - {name: n3, cpus: 2, memory: 1GiB}
      pools:
        - {name: big, backend: nested, nodes: [n1, n9]}
        - {name: small, nodes: [n3]}
      partitions:
        - {name: p1, pool: small, vcpus: 1, memory: 4GiB}
        - {name: p2, pool: bug, vcpus: 2, max-vcpus: 1, memory: 256MiB}
      steps:
        - start: [p1, p2]
        - wait: {heartbeat: [p1], timeout: 30}
        - migrate: {partition: p1, to-pool: small, mode: precopy}
        - teleport: {partition: p1}
      expect:
        - {step: migrate, partition: p3, guest-downtime: {max: 2s}}
      """;

  @Test
  void reportsEveryProblemOfTheFileAtOnceInFileOrder() {
    ScenarioInvalidException e =
        assertThrows(
            ScenarioInvalidException.class, () -> ScenarioLoader.load("many.yaml", MANY_PROBLEMS));

    List<String> where =
        e.problems().stream().map(p -> p.location().line() + ":" + p.location().column()).toList();
    assertEquals(
        List.of(
            "6:7", "6:27", "9:46", "12:47", "13:22", "13:34", "16:38", "17:39", "18:5", "20:32"),
        where,
        e.getMessage());
    assertTrue(e.getMessage().startsWith("scenario many.yaml has 10 problems:\n"));
    assertEquals("many.yaml", e.file());
  }

  @Test
  void eachPassContributesOneKindOfProblem() {
    ScenarioInvalidException e =
        assertThrows(
            ScenarioInvalidException.class, () -> ScenarioLoader.load("many.yaml", MANY_PROBLEMS));

    List<String> messages = e.problems().stream().map(Problem::message).toList();
    assertTrue(messages.contains("node n2: unknown key 'memroy'"));
    assertTrue(messages.contains("node n2: missing 'memory'"));
    assertTrue(messages.contains("pool big: node 'n9' is not declared under nodes.hosts"));
    assertTrue(
        messages.contains(
            "partition p1 needs 4GiB, pool small offers 768MiB "
                + "(1 node x 1GiB - 256MiB reserve)"));
    assertTrue(messages.contains("wait step: timeout '30': missing unit"));
    assertTrue(
        messages.contains("migrate step: partition p1 is already in pool small at this point"));
    assertTrue(messages.contains("unknown step 'teleport'"));
  }

  @Test
  void problemsFormatAsFileLineColumnWithTheHintBelow() {
    Problem problem =
        new Problem(
            new Location("s.yaml", 12, 7), "node n1: unknown key 'nmae'", "did you mean 'name'?");
    Problem bare = new Problem(new Location("s.yaml", 1, 1), "the file is empty", null);

    assertEquals(
        "s.yaml:12:7: node n1: unknown key 'nmae'\n  hint: did you mean 'name'?", problem.format());
    assertEquals("s.yaml:1:1: the file is empty", bare.toString());
  }

  @Test
  void theExceptionIsANestbedExceptionSoTheCliShowsNoStackTrace() {
    NestbedException e =
        assertThrows(NestbedException.class, () -> ScenarioLoader.load("empty.yaml", ""));

    assertEquals(
        "scenario empty.yaml has 1 problem:\nempty.yaml:1:1: the file is empty\n"
            + "  hint: a scenario needs at least name, nodes, pools and partitions; see SCENARIO.md",
        e.getMessage());
  }

  @Test
  void loadsFromAPathAndNamesTheFileAsGiven(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("tiny.yaml");
    Files.writeString(
        file,
        """
        name: tiny
        nodes: {hosts: [{name: n1, cpus: 1, memory: 1GiB}]}
        pools: [{name: big, nodes: [n1]}]
        """);

    assertEquals("tiny", ScenarioLoader.load(file).name());
    assertEquals(file.toString(), ScenarioLoader.load(file).location().file());
  }

  @Test
  void aMissingFileIsOneClearError(@TempDir Path directory) {
    NestbedException e =
        assertThrows(
            NestbedException.class, () -> ScenarioLoader.load(directory.resolve("nope.yaml")));

    assertFalse(e instanceof ScenarioInvalidException);
    assertTrue(e.getMessage().endsWith("nope.yaml does not exist"), e.getMessage());
  }

  @Test
  void aTimeoutWithoutUnitIsRejectedEvenThoughYamlReadsItAsANumber() {
    ScenarioInvalidException e =
        assertThrows(
            ScenarioInvalidException.class,
            () ->
                ScenarioLoader.load(
                    "t.yaml",
                    """
            name: t
            nodes: {hosts: [{name: n1, cpus: 1, memory: 1GiB}]}
            pools: [{name: big, nodes: [n1]}]
            partitions: [{name: p1, pool: big, vcpus: 1, memory: 256MiB}]
            steps:
              - start: {partitions: [p1], timeout: 30}
            """));

    Problem only = e.problems().get(0);
    assertEquals(1, e.problems().size());
    assertEquals("durations need a unit, e.g. 300ms or 5m", only.hint());
  }
}
