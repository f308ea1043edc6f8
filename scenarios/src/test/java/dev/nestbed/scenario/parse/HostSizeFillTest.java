package dev.nestbed.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostSizeFillTest {
  private static final String SCENARIO =
      """
      name: sizes
      nodes:
        provider: remote
        hosts:
          - {name: r1, uri: "qemu+ssh://root@host1/system"}
          - {name: r2, cpus: 2, uri: "qemu+ssh://root@host2/system"}
          - {name: r3, cpus: 1, memory: 1GiB, uri: "qemu+ssh://root@host3/system"}
      pools:
        - {name: a, backend: host, nodes: [r1]}
      partitions:
        - {name: p1, pool: a, vcpus: 4, memory: 8GiB}
      """;

  @Test
  void hostsWithoutSizesGetWhatTheirLibvirtReportsAndOnlyThoseAreAsked() {
    List<Map<String, String>> asked = new ArrayList<>();
    ScenarioSpec spec =
        ScenarioLoader.load(
            "sizes.yaml",
            SCENARIO,
            uris -> {
              asked.add(uris);
              return Map.of(
                  "r1",
                  new HostSizes.Size(8, DataSize.ofGiB(32)),
                  "r2",
                  new HostSizes.Size(16, DataSize.ofGiB(64)));
            });
    assertEquals(
        List.of(Map.of("r1", "qemu+ssh://root@host1/system", "r2", "qemu+ssh://root@host2/system")),
        asked);
    assertEquals(8, spec.host("r1").orElseThrow().cpus());
    assertEquals(DataSize.ofGiB(32), spec.host("r1").orElseThrow().memory());
    assertEquals(2, spec.host("r2").orElseThrow().cpus(), "a size the scenario gives is kept");
    assertEquals(DataSize.ofGiB(64), spec.host("r2").orElseThrow().memory());
    assertEquals(1, spec.host("r3").orElseThrow().cpus());
  }

  @Test
  void whatTheHostReportsIsWhatAdmissionChecks() {
    ScenarioInvalidException e =
        assertThrows(
            ScenarioInvalidException.class,
            () ->
                ScenarioLoader.load(
                    "sizes.yaml",
                    SCENARIO,
                    uris ->
                        Map.of(
                            "r1",
                            new HostSizes.Size(2, DataSize.ofGiB(4)),
                            "r2",
                            new HostSizes.Size(2, DataSize.ofGiB(4)))));
    assertTrue(e.problems().stream().anyMatch(p -> p.format().contains("p1")), e.getMessage());
  }

  @Test
  void withNobodyToAskAHostWithoutSizesIsAProblemAtItsLine() {
    ScenarioInvalidException e =
        assertThrows(
            ScenarioInvalidException.class, () -> ScenarioLoader.load("sizes.yaml", SCENARIO));
    assertTrue(
        e.problems().stream()
            .anyMatch(
                p ->
                    p.format().startsWith("sizes.yaml:5:")
                        && p.format().contains("node r1: no cpus and memory given")),
        e.getMessage());
  }
}
