package dev.nestbed.aggregator.vagrant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which lines of `vagrant up` (as vagrant-libvirt 0.11 prints them, copied from a run) become
 * progress.
 */
class VagrantStepsTest {
  @Test
  void theStepsOfEachMachineArePassedOnButNotTheSettingsListsOrTheBoxAdvice() {
    List<String> output =
        List.of(
            "Bringing machine 'v1' up with 'libvirt' provider...",
            "==> v1: No version detected for nestbed-node-ddcf603fa953f5fc, using timestamp to watch for modifications.",
            "==> v1: generating a local metadata for the box with a version to allow better handling.",
            "==> v1: See https://www.vagrantup.com/docs/boxes/format#box-metadata for further details.",
            "==> v1: Creating domain with the following settings...",
            "==> v1:  -- Name:              nb-97d58429-v1",
            "==> v1:  -- Cpus:              1",
            "==> v1: Starting domain.",
            "==> v1: Waiting for domain to get an IP address...",
            "\u001b[KProgress: 99%\u001b[KProgress: 100%\u001b[K==> v1: Creating image (snapshot of base box volume).",
            "    v1: SSH address: 10.216.3.101:22",
            "==> v1: Machine booted and ready!",
            "==> v2: Running provisioner: nestbed key (shell)...");

    List<String> steps = output.stream().filter(VagrantNodeProvider::isStep).toList();

    assertEquals(
        List.of(
            "==> v1: Creating domain with the following settings...",
            "==> v1: Starting domain.",
            "==> v1: Waiting for domain to get an IP address...",
            "==> v1: Machine booted and ready!",
            "==> v2: Running provisioner: nestbed key (shell)..."),
        steps);
  }
}
