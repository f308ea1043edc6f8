package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.core.libvirt.CapabilitiesTopology;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.NumaCell;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.value.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nestbed run} with a host pool that adopts a machine by its libvirt URI. The machine is a
 * node daemon this test starts itself (never this machine's own libvirtd): nestbed must find its
 * cells, run partitions in it, and leave the daemon and whatever else it holds as they were.
 */
class AdoptByUriIT {
  private static final DataSize RESERVE = DataSize.ofMiB(512);
  private static final String FOREIGN = "not-nestbeds";

  private static RunId machineRun;
  private static RunWorkspace workspace;
  private static LocalNodeProvider provider;
  private static Node machine;
  private static List<NumaCell> reported;

  @TempDir Path dir;

  @BeforeAll
  static void startTheMachineToAdopt() {
    machineRun = RunId.random();
    workspace = RunWorkspace.create(machineRun);
    provider = new LocalNodeProvider(machineRun, workspace.nodes(), null);
    machine =
        provider
            .start(List.of(new NodeSpec("big", 2, DataSize.ofGiB(2))), Duration.ofSeconds(90))
            .get(0);
    try (LibvirtHost libvirt = machine.connect()) {
      reported = CapabilitiesTopology.cells(libvirt.capabilities());
      // Something that is not nestbed's: it must be there, untouched, after every run.
      libvirt.define(
          """
          <domain type='qemu'>
            <name>%s</name>
            <memory unit='MiB'>64</memory>
            <os><type arch='x86_64'>hvm</type></os>
          </domain>
          """
              .formatted(FOREIGN));
    }
  }

  @AfterAll
  static void stopTheMachine() {
    try (LibvirtHost libvirt = machine.connect()) {
      libvirt.lookup(FOREIGN).ifPresent(LibvirtDomain::undefine);
    } finally {
      provider.close();
      workspace.close();
    }
    assertEquals(List.of(), Leftovers.of(machineRun.value()));
  }

  private Path scenario(String name, String uri, String steps, String expect) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(
        file,
        """
        name: %s
        pools:
          - {name: big, backend: host, uri: "%s", reserve-per-node: {memory: %s}}
        partitions:
          - {name: p1, pool: big, vcpus: 1, memory: 256MiB}
        steps:
        %s
        expect:
          - {pool: big, cells: %d}
        %s
        """
            .formatted(name, uri, RESERVE, steps, reported.size(), expect));
    return file;
  }

  @Test
  void aPartitionRunsInAMachineAdoptedByUriWhoseCellsAreThoseItsLibvirtReports() throws Exception {
    Path file =
        scenario(
            "adopt-local",
            machine.libvirtUri(),
            "  - start: [p1]\n  - wait: {heartbeat: [p1], for: 2s, timeout: 3m}",
            "  - {partition: p1, alive: true}");
    Path out = dir.resolve("out");
    String runId;
    try (NestbedProcess nestbed =
        NestbedProcess.start("run", file.toString(), "--out", out.toString(), "--plain")) {
      runId = nestbed.runId().orElseThrow();
      assertEquals(0, nestbed.awaitExit(Duration.ofMinutes(6)), nestbed.output());
      assertTrue(
          nestbed
              .output()
              .contains("pool big at " + machine.libvirtUri() + ": " + reported.size() + " cell"),
          nestbed.output());
    }
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertEquals("PASSED", results.get("outcome").asText(), results.toString());
    JsonNode pool = results.get("topology").get("pools").get(0);
    assertCellsAreTheReportedOnes(pool);
    JsonNode placement = results.get("topology").get("placements").get(0);
    assertEquals(
        "[\"" + reported.get(0).id() + "\"]",
        placement.get("cells").toString(),
        "p1 packs on the first cell");
    assertTrue(
        Files.isRegularFile(out.resolve("logs/p1.console.log")), "p1's console log was not kept");

    assertEquals(List.of(), Leftovers.of(runId));
    assertTheMachineIsAsItWas();
  }

  @Test
  void aUriWhoseTransportRunsAProgramIsRefusedBeforeAnythingRunsAndTheProgramNeverRuns()
      throws Exception {
    // The ext transport runs the command= program: a scenario file must never make nestbed do that.
    Path ran = dir.resolve("the-program-ran");
    Path program = dir.resolve("program");
    Files.writeString(
        program,
        "#!/bin/sh\ntouch '"
            + ran
            + "'\nexec socat - UNIX-CONNECT:'"
            + machine.libvirtUri().replaceFirst(".*socket=", "")
            + "'\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    Path file =
        scenario(
            "adopt-ext", "qemu+ext://bighost/system?command=" + program, "  - start: [p1]", "");
    Path out = dir.resolve("out");
    try (NestbedProcess nestbed =
        NestbedProcess.start("run", file.toString(), "--out", out.toString(), "--plain")) {
      assertEquals(2, nestbed.awaitExit(Duration.ofMinutes(1)), nestbed.output());
      assertTrue(
          nestbed
              .output()
              .contains(
                  "pool big: the uri's transport 'ext' is not one nestbed uses (it makes"
                      + " libvirt run a program"),
          nestbed.output());
    }
    assertTrue(Files.notExists(ran), "the program named in the scenario ran");
    assertTrue(
        Files.notExists(out.resolve("results.json")), "an invalid scenario produced results");
    assertTheMachineIsAsItWas();
  }

  @Test
  void partitionsThatDoNotFitTheDiscoveredCellsFailTheRunBeforeAnythingStarts() throws Exception {
    Path file = dir.resolve("too-big.yaml");
    Files.writeString(
        file,
        """
        name: too-big
        pools:
          - {name: big, backend: host, uri: "%s"}
        partitions:
          - {name: p1, pool: big, vcpus: 1, memory: 256MiB}
          - {name: huge, pool: big, vcpus: 1, memory: 64TiB}
        steps:
          - start: [p1]
        """
            .formatted(machine.libvirtUri()));
    Path out = dir.resolve("out");
    String runId;
    try (NestbedProcess nestbed =
        NestbedProcess.start("run", file.toString(), "--out", out.toString(), "--plain")) {
      runId = nestbed.runId().orElseThrow();
      assertEquals(1, nestbed.awaitExit(Duration.ofMinutes(3)), nestbed.output());
    }
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    String message = results.get("message").asText();
    assertTrue(
        message.startsWith(
            "pool big at "
                + machine.libvirtUri()
                + " cannot hold its partitions: "
                + "partition huge needs 1 vCPU and 64TiB on one cell: cell "
                + reported.get(0).id()
                + " has "
                + (reported.get(0).cpus().size() - 1)
                + " CPU and "),
        message);
    assertTrue(message.contains("(short "), message);
    assertEquals(1, results.get("steps").size(), "every step is recorded: " + results.get("steps"));
    for (JsonNode step : results.get("steps")) {
      assertEquals("SKIPPED", step.get("outcome").asText(), "no step ran: " + step);
    }

    assertEquals(List.of(), Leftovers.of(runId));
    assertTheMachineIsAsItWas();
  }

  private static void assertCellsAreTheReportedOnes(JsonNode pool) {
    JsonNode cells = pool.get("cells");
    JsonNode observed = pool.get("observed");
    assertEquals(reported.size(), cells.size(), pool.toString());
    assertEquals(reported.size(), observed.size(), pool.toString());
    for (int i = 0; i < reported.size(); i++) {
      NumaCell numa = reported.get(i);
      assertEquals(String.valueOf(numa.id()), cells.get(i).get("node").asText(), pool.toString());
      assertEquals(numa.cpus().size(), cells.get(i).get("cpus").asInt(), pool.toString());
      assertEquals(
          numa.memory().minus(RESERVE).mib(),
          cells.get(i).get("memoryMib").asLong(),
          pool.toString());
      assertEquals(numa.cpus().size(), observed.get(i).get("cpus").asInt(), pool.toString());
      assertEquals(numa.memory().mib(), observed.get(i).get("memoryMib").asLong(), pool.toString());
    }
  }

  /** The adopted daemon still runs, holds no domain of the run, and its own domain is untouched. */
  private static void assertTheMachineIsAsItWas() {
    try (LibvirtHost libvirt = machine.connect()) {
      List<String> domains = libvirt.domains().stream().map(LibvirtDomain::name).toList();
      assertEquals(List.of(FOREIGN), domains, "the adopted machine's domains after the run");
      assertFalse(libvirt.lookup(FOREIGN).orElseThrow().isActive());
    }
  }
}
