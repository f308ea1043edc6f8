package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.value.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `nestbed clean` after a run was killed outright (SIGKILL: no teardown could run). */
class CleanCommandIT {
  @TempDir Path out;

  private static String domainXml(String name, RunTag tag) {
    return """
        <domain type='qemu'>
          <name>%s</name>
          %s
          <memory unit='KiB'>65536</memory>
          <os><type arch='x86_64' machine='pc'>hvm</type></os>
        </domain>
        """
        .formatted(name, tag == null ? "" : "<metadata>" + tag.toXml() + "</metadata>");
  }

  @Test
  void cleanRemovesWhatAKilledRunLeftAndNothingItDidNotCreate() throws Exception {
    String killedRun;
    try (NestbedProcess nestbed =
        NestbedProcess.start(
            "run",
            "scenarios/src/test/resources/it/long-wait.yaml",
            "--out",
            out.toString(),
            "--plain")) {
      killedRun = nestbed.runId().orElseThrow();
      nestbed.awaitLine("step 2: wait", Duration.ofMinutes(3));
      new ProcessBuilder("kill", "-KILL", Long.toString(nestbed.pid())).start().waitFor();
      nestbed.awaitExit(Duration.ofSeconds(30));
    }
    List<String> left = Leftovers.of(killedRun);
    assertTrue(
        left.stream().anyMatch(l -> l.startsWith("guest")),
        "the killed run should have left its guest: " + left);
    assertTrue(
        left.stream().anyMatch(l -> l.startsWith("libvirtd")), "and its node daemon: " + left);

    // A live run of this test, with a libvirt holding one domain per kind of owner.
    RunId live = RunId.random();
    try (RunWorkspace workspace = RunWorkspace.create(live);
        LocalNodeProvider provider = new LocalNodeProvider(live, workspace.nodes(), null)) {
      Node node =
          provider
              .start(List.of(new NodeSpec("n1", 1, DataSize.ofGiB(1))), Duration.ofSeconds(60))
              .get(0);
      try (LibvirtHost host = node.connect()) {
        host.define(domainXml("not-nestbeds", null));
        host.define(
            domainXml(
                "nb-" + killedRun + "-stale",
                new RunTag(new RunId(killedRun), "partition", "stale")));
        host.define(domainXml("nb-" + live + "-mine", new RunTag(live, "partition", "mine")));

        try (NestbedProcess clean = NestbedProcess.start("clean", "--uri", node.libvirtUri())) {
          assertEquals(0, clean.awaitExit(Duration.ofMinutes(2)), clean.output());
          assertTrue(clean.output().contains("left run " + live + " alone"), clean.output());
          assertTrue(
              clean.output().contains("removed domain nb-" + killedRun + "-stale"), clean.output());
        }
        assertTrue(
            host.lookup("not-nestbeds").isPresent(),
            "clean removed a domain nestbed did not create");
        assertTrue(
            host.lookup("nb-" + live + "-mine").isPresent(),
            "clean removed a domain of a live run");
        assertFalse(
            host.lookup("nb-" + killedRun + "-stale").isPresent(),
            "clean kept a domain of a dead run");
      }
      assertTrue(
          Leftovers.of(live.value()).stream().anyMatch(l -> l.startsWith("libvirtd")),
          "clean stopped the daemon of a live run");
    }
    assertEquals(List.of(), Leftovers.of(killedRun));
  }
}
