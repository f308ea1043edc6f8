package dev.nestbed.migration;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import java.time.Duration;

/**
 * The baseline nestbed's own migration is compared with: plain {@code virsh migrate --live} of the
 * same domain between the same two libvirt daemons, memory over the same address, nothing else (no
 * sampling, no agent line, no checksums).
 */
public final class VirshMigration {
  private final ProcessRunner runner;

  public VirshMigration(ProcessRunner runner) {
    this.runner = runner;
  }

  /** Migrates {@code domainName} and returns how long virsh took, end to end. */
  public Duration migrate(
      String sourceUri,
      String domainName,
      String destinationUri,
      String address,
      Duration timeout) {
    long began = System.nanoTime();
    ProcessResult result =
        runner.runAllowingFailure(
            Command.of(
                    "virsh",
                    "-c",
                    sourceUri,
                    "migrate",
                    "--live",
                    "--persistent",
                    "--undefinesource",
                    domainName,
                    destinationUri,
                    "--migrateuri",
                    "tcp://" + address)
                .withTimeout(timeout));
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    if (result.exitCode() != 0) {
      throw new NestbedException(
          "virsh migrate of " + domainName + " failed: " + result.stderr().strip(),
          "see the libvirtd logs of both nodes");
    }
    return took;
  }
}
