package dev.nestbed.aggregator.vagrant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.value.DataSize;
import java.util.List;
import org.junit.jupiter.api.Test;

class VagrantMachinesTest {
  private static VagrantMachines machines(boolean hostOnNetwork, String proxyCommand) {
    return new VagrantMachines(
        "box",
        "qemu+ssh://nb-jump/system?command=/w/ssh",
        "qemu",
        "host kvmhost: TCG",
        "nb-1234abcd-",
        "10.216.7.0/24",
        "nb-1234abcd-pool",
        VagrantMachines.PRIVATE_SUBNET,
        hostOnNetwork,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA nestbed",
        proxyCommand,
        List.of(new NodeSpec("v1", 1, DataSize.ofMiB(1024))));
  }

  @Test
  void machinesOnAnotherHostAreReachedThroughItOnANetworkWithNothingOfTheHosts() {
    String yaml = machines(false, "'/w/ssh' -W %h:%p nb-jump").yaml("test");
    assertTrue(yaml.contains("\nproxy_command: \"'/w/ssh' -W %h:%p nb-jump\"\n"), yaml);
    assertTrue(yaml.contains("\nnetwork_mode: veryisolated "), yaml);
  }

  @Test
  void machinesOfAProjectAreReachedDirectlyAndTheHostIsOnTheirNetwork() {
    String yaml = machines(true, null).yaml("test");
    assertFalse(yaml.contains("proxy_command"), yaml);
    assertTrue(yaml.contains("\nnetwork_mode: none "), yaml);
  }
}
