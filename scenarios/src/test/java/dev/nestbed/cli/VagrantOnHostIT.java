package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.core.image.PartitionImageBuilder;
import dev.nestbed.core.image.VagrantBoxBuilder;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `provider: vagrant` with `libvirt:`: the machines run on another host's libvirt (a {@link
 * RemoteHosts} host standing in for a KVM host), and nestbed runs where only that host is
 * reachable: in a network namespace on the hosts' switch with no default route. So every packet to
 * the machines must go through the host's sshd; one sent straight to their subnet would fail with
 * "network unreachable", never leave this machine.
 */
class VagrantOnHostIT {
  @TempDir Path hostsDir;
  @TempDir Path out;

  @Test
  void machinesOnAnotherHostAreReachedThroughItAndThePartitionMigratesBetweenThem()
      throws Exception {
    // built here, where the package registry is reachable; the namespace below reaches nothing else
    new VagrantBoxBuilder(NestbedProcess.HOME, RunDirectories.cacheRoot()).ensureBuilt();
    new PartitionImageBuilder(NestbedProcess.HOME, RunDirectories.cacheRoot()).ensureBuilt();
    try (RemoteHosts hosts = RemoteHosts.start(hostsDir, List.of("kvm"))) {
      Path scenario =
          Files.writeString(
              hostsDir.resolve("vagrant-on-host.yaml"),
              """
          name: vagrant-on-host
          nodes:
            provider: vagrant
            libvirt: "%s"
            hosts:
              - {name: v1, cpus: 1, memory: 1GiB}
              - {name: v2, cpus: 1, memory: 1GiB}
          pools:
            - {name: a, backend: host, nodes: [v1]}
            - {name: b, backend: host, nodes: [v2]}
          partitions:
            - {name: p1, pool: a, vcpus: 1, memory: 192MiB, workload: {working-set: 16MiB, dirty-rate: 1MiB/s}}
          steps:
            - start: [p1]
            - wait: {heartbeat: [p1], timeout: 10m}
            - migrate: {partition: p1, to-pool: b, timeout: 5m}
            - wait: {for: 2s}
          expect:
            - {partition: p1, alive: true, memory-intact: true}
            - {step: migrate, partition: p1, guest-downtime: {max: 30s}}
          """
                  .formatted(hosts.uris().get(0)));
      String runId;
      String output;
      try (NestbedProcess nestbed =
          NestbedProcess.startInNamespace(
              hosts.clientNamespace(),
              "run",
              scenario.toString(),
              "--out",
              out.toString(),
              "--plain")) {
        runId = nestbed.runId().orElseThrow();
        int exit = nestbed.awaitExit(Duration.ofMinutes(30));
        output = nestbed.output();
        assertEquals(0, exit, output);
      }
      System.out.println("VAGRANT-ON-HOST output:\n" + output);
      JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
      assertEquals("PASSED", results.get("outcome").asText(), results.get("message").asText());
      JsonNode migrate = results.get("steps").get(2).get("metrics");
      assertEquals(1, migrate.get("memory-intact").get("value").asInt(), migrate.toString());
      assertTrue(migrate.get("guest-downtime").get("value").asDouble() > 0, migrate.toString());
      // nestbed reached v1's libvirt through the host, by the run's own ssh and its config
      assertTrue(output.contains("node v1 at qemu+ssh://vagrant@10.216."), output);
      assertTrue(output.contains("/system?command="), output);
      // the host decided the machines' driver by a probe guest booted there, not by its /dev/kvm
      // (this machine's kvm_pvm, which the host's libvirt offers)
      assertTrue(output.contains("Vagrant machines on libvirt host 10.214."), output);
      boolean kvm = Files.exists(Path.of("/dev/kvm")) && !RemoteHosts.probeFoundNoKvm(output);
      assertTrue(output.contains(kvm ? "(driver kvm)" : "(driver qemu)"), output);
      // the box under the run's own name, so no other run's machines share its volume
      assertTrue(output.contains("from box nestbed-node-"), output);
      assertTrue(output.contains("-" + runId + " (driver"), output);
      // nothing of the run is left on the host: domains, pools, volumes, networks
      assertEquals(List.of(), hosts.leftovers(0));
      String networks = hosts.virsh(0, "net-list", "--all", "--name");
      assertFalse(networks.contains("nb-" + runId), networks);
      // nor the run's copy of the box
      String boxes =
          new ProcessRunner()
              .run(
                  Command.of("vagrant", "box", "list")
                      .withEnvironment(
                          "VAGRANT_HOME", RunDirectories.cacheRoot().resolve("vagrant").toString()))
              .stdout();
      assertFalse(boxes.contains(runId), boxes);
      assertEquals(List.of(), Leftovers.of(runId));
    }
  }
}
