package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VagrantCommandTest {
  @TempDir Path dir;

  private Path scenario() throws Exception {
    return Files.writeString(
        dir.resolve("on-host.yaml"),
        """
        name: on-host
        nodes:
          provider: vagrant
          libvirt: "qemu+ssh://me@kvmhost/system"
          hosts:
            - {name: v1, cpus: 1, memory: 1GiB}
        pools:
          - {name: a, backend: host, nodes: [v1]}
        partitions:
          - {name: p1, pool: a, vcpus: 1, memory: 256MiB}
        steps:
          - start: [p1]
        """);
  }

  @Test
  void theProjectPutsTheMachinesWhereTheScenariosLibvirtSays() throws Exception {
    Path project = dir.resolve("project");
    InProcessCli cli =
        InProcessCli.run("vagrant", scenario().toString(), "--out", project.toString());
    assertEquals(0, cli.exitCode(), cli.stderr());
    String nodes = Files.readString(project.resolve("nodes.yaml"));
    assertTrue(nodes.contains("libvirt_uri: \"qemu+ssh://me@kvmhost/system\""), nodes);
    assertTrue(nodes.contains("cannot probe KVM on qemu+ssh://me@kvmhost/system"), nodes);
    // nestbed run on that host reaches the machines on the private network: the host is on it
    assertTrue(nodes.contains("network_mode: none"), nodes);
  }

  @Test
  void libvirtOnTheCommandLineWinsOverTheScenarios() throws Exception {
    Path project = dir.resolve("project");
    InProcessCli cli =
        InProcessCli.run(
            "vagrant",
            scenario().toString(),
            "--out",
            project.toString(),
            "--libvirt",
            "qemu+ssh://other/system");
    assertEquals(0, cli.exitCode(), cli.stderr());
    assertTrue(
        Files.readString(project.resolve("nodes.yaml"))
            .contains("libvirt_uri: \"qemu+ssh://other/system\""));
  }
}
