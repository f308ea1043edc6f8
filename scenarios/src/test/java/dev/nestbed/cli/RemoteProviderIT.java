package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.RunStoragePool;
import dev.nestbed.core.run.RunId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `provider: remote` against two libvirt hosts reached over libssh2 (see {@link RemoteHosts}): the
 * guest image reaches each host through libvirt, the partition migrates between the hosts with its
 * memory intact, and nothing of the run is left on either.
 */
class RemoteProviderIT {
  @TempDir static Path hostsDir;
  static RemoteHosts hosts;

  @TempDir Path out;

  @BeforeAll
  static void startHosts() throws Exception {
    hosts = RemoteHosts.start(hostsDir, List.of("r1", "r2"));
  }

  @AfterAll
  static void stopHosts() {
    if (hosts != null) {
      hosts.close();
    }
  }

  @Test
  void aPartitionStartsResizesAndMigratesBetweenTwoRemoteHostsAndNothingIsLeftOnEither()
      throws Exception {
    Path scenario =
        write(
            "remote.yaml",
            """
        name: remote-two-hosts
        nodes:
          provider: remote
          hosts:
            - {name: r1, cpus: 1, memory: 1GiB, uri: "%s"}
            - {name: r2, uri: "%s"}     # its CPUs and memory are read from its libvirt
        pools:
          - {name: a, backend: host, nodes: [r1]}
          - {name: b, backend: host, nodes: [r2]}
        partitions:
          - {name: p1, pool: a, vcpus: 1, max-vcpus: 2, memory: 192MiB, workload: {working-set: 16MiB, dirty-rate: 1MiB/s}}
        steps:
          - start: [p1]
          - wait: {heartbeat: [p1], timeout: 3m}
          - resize: {partition: p1, vcpus: 2}
          - migrate: {partition: p1, to-pool: b, timeout: 2m}
          - wait: {for: 1s}
        expect:
          - {partition: p1, alive: true, memory-intact: true, vcpus-online: 2}
          - {step: migrate, partition: p1, guest-downtime: {max: 5s}}
        """
                .formatted(hosts.uris().get(0), hosts.uris().get(1)));
    String runId;
    String output;
    try (NestbedProcess nestbed =
        NestbedProcess.start("run", scenario.toString(), "--out", out.toString(), "--plain")) {
      runId = nestbed.runId().orElseThrow();
      int exit = nestbed.awaitExit(Duration.ofMinutes(8));
      output = nestbed.output();
      assertEquals(0, exit, output);
    }
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertEquals("PASSED", results.get("outcome").asText(), results.get("message").asText());
    JsonNode migrate = results.get("steps").get(3).get("metrics");
    assertEquals(1, migrate.get("memory-intact").get("value").asInt(), migrate.toString());
    assertTrue(migrate.get("guest-downtime").get("value").asDouble() > 0, migrate.toString());
    assertTrue(
        output.contains("node r1 at qemu+libssh2://") && output.contains("libvirt 11."), output);
    assertTrue(
        Files.isRegularFile(out.resolve("logs/r2/nb-" + runId + "-p1.console.log")),
        "p1's console log was not fetched from r2: " + output);
    JsonNode r2 = results.get("topology").get("nodes").get(1);
    assertEquals(
        Runtime.getRuntime().availableProcessors(),
        r2.get("cpus").asInt(),
        "r2's CPUs, read from r2: " + r2);
    assertTrue(
        r2.get("about").asText().contains("QEMU 10.") && r2.get("about").asText().contains("TCG"),
        r2.toString());
    // Each host decides its accelerator: this machine's /dev/kvm (kvm_pvm) is offered to the
    // hosts' libvirt, so each boots a probe guest under KVM, which does not reach userspace here.
    System.out.println("REMOTE-ACCELERATOR r2: " + r2.get("about").asText());
    if (Files.exists(Path.of("/dev/kvm"))) {
      assertTrue(RemoteHosts.probeFoundNoKvm(output), output);
      assertTrue(
          Files.isRegularFile(out.resolve("logs/r1/kvm-probe.console.log")),
          "the probe's console was fetched from r1: " + output);
    }
    assertEquals(List.of(), hosts.leftovers(0));
    assertEquals(List.of(), hosts.leftovers(1));
    assertEquals(List.of(), Leftovers.of(runId));
  }

  /**
   * The L1 boots on r1 through r1's libvirt, from images uploaded there; nestbed reaches the L1's
   * libvirtd through ssh -W into r1's loopback, where the forward's port is shared with every user
   * of r1, so the libvirtd asks for the L1's password.
   */
  @Test
  void aNestedPoolBootsItsL1OnARemoteHostAndAnL2RunsInsideIt() throws Exception {
    Path scenario =
        write(
            "remote-nested.yaml",
            """
        name: remote-nested
        nodes:
          provider: remote
          hosts:
            - {name: r1, cpus: 2, memory: 2GiB, uri: "%s"}
        pools:
          - {name: big, backend: nested, nodes: [r1], reserve-per-node: {memory: 256MiB}}
        partitions:
          - {name: p1, pool: big, vcpus: 1, max-vcpus: 2, memory: 192MiB, workload: {working-set: 4MiB, dirty-rate: 0B/s}}
        steps:
          - start: [p1]
          - wait: {heartbeat: [p1], timeout: 8m}
          - resize: {partition: p1, vcpus: 2, timeout: 3m}
        expect:
          - {partition: p1, alive: true, memory-intact: true, vcpus-online: 2, on-cells: true}
          - {pool: big, cells: 1}
        """
                .formatted(hosts.uris().get(0)));
    String runId;
    String output;
    try (NestbedProcess nestbed =
        NestbedProcess.start("run", scenario.toString(), "--out", out.toString(), "--plain")) {
      runId = nestbed.runId().orElseThrow();
      int exit = nestbed.awaitExit(Duration.ofMinutes(15));
      output = nestbed.output();
      assertEquals(0, exit, output);
    }
    assertTrue(output.contains("L1 of pool big booting on r1"), output);
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    System.out.printf(
        "REMOTE-NESTED: %.1f s wall; first heartbeat step %.1f s%n",
        results.get("wallMs").asDouble() / 1000,
        (results.get("steps").get(1).get("endMs").asDouble()
                - results.get("steps").get(1).get("startMs").asDouble())
            / 1000);
    assertTrue(
        Files.isRegularFile(out.resolve("logs/r1/nb-" + runId + "-pool-big-console.log")),
        "the L1's console was fetched from r1: " + output);
    assertEquals(List.of(), hosts.leftovers(0));
    assertEquals(List.of(), Leftovers.of(runId));
  }

  @Test
  void aHostWithLessThanTheScenarioGivesItStopsTheRunBeforeAnythingStartsWithExit3()
      throws Exception {
    Path scenario =
        write(
            "too-big.yaml",
            """
        name: too-big
        nodes:
          provider: remote
          hosts:
            - {name: r1, cpus: 64, memory: 1GiB, uri: "%s"}
        pools:
          - {name: a, backend: host, nodes: [r1]}
        partitions:
          - {name: p1, pool: a, vcpus: 1, memory: 128MiB}
        steps:
          - start: [p1]
        """
                .formatted(hosts.uris().get(0)));
    try (NestbedProcess nestbed =
        NestbedProcess.start("run", scenario.toString(), "--out", out.toString(), "--plain")) {
      assertEquals(3, nestbed.awaitExit(Duration.ofMinutes(1)), nestbed.output());
      assertTrue(
          nestbed.output().contains("host r1") && nestbed.output().contains("CPUs, not 64"),
          nestbed.output());
    }
    assertEquals(List.of(), hosts.leftovers(0));
  }

  @Test
  void anUnknownHostKeyAndAnAddressNobodyAnswersStopTheRunWithExit3NamingTheHost()
      throws Exception {
    String uri = hosts.uris().get(0);
    String strangerKey =
        uri.replaceFirst("known_hosts=[^&]*", "known_hosts=" + hostsDir.resolve("none"));
    Files.writeString(hostsDir.resolve("none"), "");
    String silent = uri.replace(hosts.address(0), hosts.address(0).replaceFirst("\\.\\d+$", ".99"));
    Path scenario =
        write(
            "unreachable.yaml",
            """
        name: unreachable
        nodes:
          provider: remote
          hosts:
            - {name: r1, cpus: 1, memory: 1GiB, uri: "%s"}
            - {name: r9, cpus: 1, memory: 1GiB, uri: "%s"}
        pools:
          - {name: a, backend: host, nodes: [r1]}
          - {name: b, backend: host, nodes: [r9]}
        partitions:
          - {name: p1, pool: a, vcpus: 1, memory: 128MiB}
        steps:
          - start: [p1]
        """
                .formatted(strangerKey, silent));
    long began = System.nanoTime();
    try (NestbedProcess nestbed =
        NestbedProcess.start(
            Map.of(), List.of(), "run", scenario.toString(), "--out", out.toString(), "--plain")) {
      assertEquals(3, nestbed.awaitExit(Duration.ofMinutes(2)), nestbed.output());
      String output = nestbed.output();
      assertTrue(output.contains("host r1") && output.contains("host key"), output);
      assertTrue(
          output.contains("host r9")
              && output.contains(hosts.address(0).replaceFirst("\\.\\d+$", ".99")),
          output);
    }
    long seconds = (System.nanoTime() - began) / 1_000_000_000;
    assertTrue(seconds < 60, "the run took " + seconds + " s to say the hosts are not ready");
    assertEquals(List.of(), hosts.leftovers(0));
  }

  @Test
  void cleanWithTheHostsUriRemovesTheStoragePoolADeadRunLeftThereAndNothingElse() throws Exception {
    Path theirs = hostsDir.resolve("theirs");
    Files.createDirectories(theirs);
    try (LibvirtHost host = hosts.direct(0)) {
      RunStoragePool pool = RunStoragePool.create(host, RunId.random());
      Path file = pool.upload(hostsDir.resolve("known_hosts"), "a-file");
      // the paths are the host's; on this fixture the host's /var/lib/libvirt is its lib/ directory
      Path onHost = hosts.hostPath(0, pool.directory());
      assertEquals(
          "rwx--x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(onHost)));
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(hosts.hostPath(0, file))));
    }
    hosts.virsh(0, "pool-define-as", "theirs", "dir", "--target", theirs.toString());
    try (NestbedProcess nestbed = NestbedProcess.start("clean", "--uri", hosts.uris().get(0))) {
      assertEquals(0, nestbed.awaitExit(Duration.ofMinutes(1)), nestbed.output());
      assertTrue(nestbed.output().contains("removed storage pool nb-"), nestbed.output());
    }
    assertEquals(List.of(), hosts.leftovers(0));
    assertTrue(
        hosts.virsh(0, "pool-list", "--all", "--name").contains("theirs"),
        "clean removed a pool nestbed did not create");
    assertTrue(Files.isDirectory(theirs));
    hosts.virsh(0, "pool-undefine", "theirs");
  }

  private Path write(String name, String text) throws Exception {
    Path file = out.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
