package dev.nestbed.aggregator.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteKvmProbeTest {
  private final RunTag tag = new RunTag(new RunId("0123abcd"), "kvm-probe", "r1");
  private final String xml =
      RemoteKvmProbe.xml(
          "nb-0123abcd-r1-kvm-probe",
          tag,
          Path.of("/var/lib/libvirt/images/nb-0123abcd/vmlinuz"),
          Path.of("/var/lib/libvirt/images/nb-0123abcd/initramfs.cpio.gz"),
          Path.of("/var/lib/libvirt/images/nb-0123abcd/kvm-probe.console.log"));

  @Test
  void theProbeBootsThePartitionKernelUnderKvmWithTheHostsCpuAndPowersOff() {
    assertTrue(xml.contains("<domain type='kvm'>"), xml);
    assertTrue(xml.contains("<cpu mode='host-passthrough'/>"), xml);
    assertTrue(xml.contains("nestbed.probe=1"), xml);
    assertTrue(xml.contains("<kernel>/var/lib/libvirt/images/nb-0123abcd/vmlinuz</kernel>"), xml);
    assertTrue(xml.contains("<on_poweroff>destroy</on_poweroff>"), xml);
  }

  @Test
  void itsConsoleIsAFileInTheRunsStoragePoolAndItCarriesTheRunsTag() {
    assertTrue(
        xml.contains(
            "<source path='/var/lib/libvirt/images/nb-0123abcd/" + RemoteKvmProbe.CONSOLE_VOLUME),
        xml);
    assertTrue(RemoteKvmProbe.CONSOLE_VOLUME.endsWith(".console.log"), "kept with the logs");
    assertEquals(Optional.of(tag), RunTag.parse(xml));
  }
}
