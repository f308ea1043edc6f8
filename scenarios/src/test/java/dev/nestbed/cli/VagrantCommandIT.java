package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `nestbed vagrant` writes a project the real `vagrant` (with vagrant-libvirt) accepts. */
class VagrantCommandIT {
  @TempDir Path dir;

  @Test
  void theProjectWrittenForTheMigrateExamplePassesVagrantValidateAndItsScenarioValidates()
      throws Exception {
    Path project = dir.resolve("project");
    try (NestbedProcess nestbed =
        NestbedProcess.start(
            "vagrant", "scenarios/examples/migrate.yaml", "--out", project.toString())) {
      assertEquals(0, nestbed.awaitExit(Duration.ofMinutes(1)), nestbed.output());
      assertTrue(!nestbed.output().contains("note:"), nestbed.output());
    }
    assertValid(project);
    try (NestbedProcess nestbed =
        NestbedProcess.start("validate", project.resolve("scenario.yaml").toString())) {
      assertEquals(0, nestbed.awaitExit(Duration.ofMinutes(1)), nestbed.output());
    }
    assertTrue(Files.readString(project.resolve("nodes.yaml")).contains("ip: 10.215.0.12"));
  }

  /**
   * The Vagrantfile for trying nestbed in a disposable VM is valid for the real vagrant. It is not
   * brought up here: its box comes from a registry this machine cannot reach, and its VM needs KVM.
   */
  @Test
  void theVagrantfileForADisposableVmPassesVagrantValidate() {
    assertValid(NestbedProcess.HOME.resolve("vagrant/try"));
  }

  private void assertValid(Path project) {
    ProcessResult validate =
        new ProcessRunner()
            .runAllowingFailure(
                Command.of("vagrant", "validate")
                    .in(project)
                    .withEnvironment("VAGRANT_HOME", dir.resolve("vagrant-home").toString())
                    // no version check, no box update check: no traffic leaves this machine
                    .withEnvironment("VAGRANT_CHECKPOINT_DISABLE", "1")
                    .withEnvironment("VAGRANT_BOX_UPDATE_CHECK_DISABLE", "1")
                    .withEnvironment("VAGRANT_DEFAULT_PROVIDER", "libvirt")
                    .withTimeout(Duration.ofMinutes(2)));
    assertEquals(0, validate.exitCode(), validate.stdout() + validate.stderr());
    assertTrue(validate.stdout().contains("validated successfully"), validate.stdout());
  }
}
