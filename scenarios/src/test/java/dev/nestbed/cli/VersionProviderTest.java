package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code nestbed --version}: nestbed's version and commit, this machine's QEMU and libvirt; each
 * line holds what was read, or "unknown" and why (a test machine may lack QEMU or libvirt).
 */
class VersionProviderTest {
  @Test
  void versionPrintsNestbedItsCommitAndTheQemuAndLibvirtOfThisMachine() {
    InProcessCli cli = InProcessCli.run("--version");
    List<String> lines = cli.stdout().lines().toList();

    assertEquals(0, cli.exitCode(), cli.stderr());
    assertEquals(4, lines.size(), cli.stdout());
    assertTrue(lines.get(0).startsWith("nestbed "), lines.get(0));
    // Tests run from the checkout's classes: no manifest version, but the checkout's commit.
    assertTrue(
        lines.get(1).matches("commit  ([0-9a-f]{40}(-dirty)?|unknown \\(.+\\))"), lines.get(1));
    assertTrue(
        lines.get(2).matches("QEMU    (QEMU emulator version .+|unknown \\(.+\\))"), lines.get(2));
    assertTrue(
        lines.get(3).matches("libvirt (\\S*libvirtd \\(libvirt\\) .+|unknown \\(.+\\))"),
        lines.get(3));
  }

  @Test
  void buildingTheCommandLineReadsNoVersionSoOtherCommandsRunNoProgramForIt() {
    // picocli asks a declared version provider whenever it builds a command line (QEMU, libvirtd
    // and git were run for every nestbed command); the versions are read on --version only.
    assertEquals(0, NestbedCli.commandLine().getCommandSpec().version().length);
    assertEquals(
        0,
        NestbedCli.commandLine()
            .getSubcommands()
            .get("validate")
            .getCommandSpec()
            .version()
            .length);
  }

  @Test
  void aSubcommandsVersionOptionPrintsTheSameLines() {
    InProcessCli cli = InProcessCli.run("validate", "--version");

    assertEquals(0, cli.exitCode(), cli.stderr());
    assertEquals(4, cli.stdout().lines().count(), cli.stdout());
    assertTrue(cli.stdout().startsWith("nestbed "), cli.stdout());
  }
}
