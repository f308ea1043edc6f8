package dev.nestbed.aggregator.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.value.DataSize;
import org.junit.jupiter.api.Test;

class RemoteHostFactsTest {
  @Test
  void libvirtsPackedVersionsReadAsMajorMinorRelease() {
    assertEquals("11.3.0", RemoteHostFacts.version(11_003_000));
    assertEquals("10.0.2", RemoteHostFacts.version(10_000_002));
    assertEquals("7.2.19", RemoteHostFacts.version(7_002_019));
  }

  @Test
  void theDescriptionNamesVersionsAndSize() {
    assertEquals("libvirt 11.3.0, QEMU 10.0.2, 2 CPUs, 3072MiB", facts(false).describe());
  }

  private static RemoteHostFacts facts(boolean kvm) {
    return new RemoteHostFacts("h1", 2, DataSize.ofGiB(3), "11.3.0", "10.0.2", kvm);
  }
}
