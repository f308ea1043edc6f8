package dev.nestbed.partitioner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.agent.HeartbeatLog;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PartitionDomainXmlTest {
  private static final PartitionSpec SPEC =
      new PartitionSpec(
          "p1",
          1,
          2,
          DataSize.ofMiB(256),
          DataSize.ofMiB(512),
          DataSize.ofMiB(64),
          DataRate.parse("8MiB/s"));

  private static String render(Accelerator accelerator) {
    return PartitionDomainXml.render(
        "nb-a1b2c3d4-p1",
        new RunTag(new RunId("a1b2c3d4"), "partition", "p1"),
        SPEC,
        new GuestImage(Path.of("/c/kernel"), Path.of("/c/initramfs.cpio"), "h"),
        accelerator,
        new PartitionDomainXml.Paths(Path.of("/r/p1/console.log")));
  }

  @Test
  void tcgGuestsAreEmulatedWithAPlainCpuModel() {
    String xml = render(Accelerator.tcg("test"));
    assertTrue(xml.startsWith("<domain type='qemu'>"), xml);
    assertTrue(xml.contains("<model fallback='forbid'>qemu64</model>"), xml);
  }

  @Test
  void kvmGuestsPassTheHostCpuThrough() {
    String xml = render(Accelerator.kvm("test"));
    assertTrue(xml.startsWith("<domain type='kvm'>"), xml);
    assertTrue(xml.contains("host-passthrough"), xml);
  }

  @Test
  void carriesTheRunTagVcpuHeadroomAndTheAgentLine() {
    String xml = render(Accelerator.tcg("test"));
    assertTrue(xml.contains("id=\"a1b2c3d4\" kind=\"partition\" name=\"p1\""), xml);
    assertTrue(xml.contains("<vcpu placement='static' current='1'>2</vcpu>"), xml);
    assertTrue(xml.contains("<serial type='pty'>\n      <target port='1'/>"), xml);
    assertTrue(xml.contains("<memory unit='KiB'>262144</memory>"), xml);
  }

  @Test
  void theKernelCommandLineCarriesTheWorkload() {
    PartitionSpec fixed = SPEC.withMaxMemory(SPEC.memory(), MemoryDeviceModel.VIRTIO_MEM);
    assertEquals(
        "console=ttyS0 loglevel=4 panic=-1 swiotlb=noforce nestbed.name=p1 nestbed.ws=65536K nestbed.dirty=8192K",
        PartitionDomainXml.kernelCommandLine(fixed, Accelerator.kvm("test"), HeartbeatLog.PERIOD));
  }

  @Test
  void aPartitionThatCanGrowOnlinesHotPluggedMemoryMovableSoItCanShrinkAgain() {
    assertTrue(
        PartitionDomainXml.kernelCommandLine(SPEC, Accelerator.kvm("test"), HeartbeatLog.PERIOD)
            .endsWith(" nestbed.dirty=8192K memhp_default_state=online_movable"));
  }

  @Test
  void anL2UnderNestedTcgBeatsLessOften() {
    assertTrue(
        PartitionDomainXml.kernelCommandLine(SPEC, Accelerator.tcg("test"), Duration.ofMillis(100))
            .contains(" nestbed.hb=100 "));
    PartitionSite inside =
        PartitionSite.inside(java.util.List.of(), Path.of("/images"), Path.of("/logs"));
    assertEquals(Duration.ofMillis(100), inside.heartbeat(Accelerator.tcg("test")));
    assertEquals(HeartbeatLog.PERIOD, inside.heartbeat(Accelerator.kvm("test")));
    assertEquals(
        HeartbeatLog.PERIOD,
        PartitionSite.onThisMachine(java.util.List.of()).heartbeat(Accelerator.tcg("test")));
  }

  @Test
  void onlyEmulatedGuestsSkipTheBootWorkThatEmulationMakesSlow() {
    assertTrue(
        PartitionDomainXml.kernelCommandLine(SPEC, Accelerator.tcg("test"), HeartbeatLog.PERIOD)
            .endsWith(
                " nestbed.dirty=8192K "
                    + PartitionDomainXml.MEMORY_HOTPLUG_OPTION
                    + " "
                    + PartitionDomainXml.TCG_BOOT_OPTIONS));
    assertTrue(render(Accelerator.tcg("test")).contains("cryptomgr.notests"));
    assertTrue(!render(Accelerator.kvm("test")).contains("mitigations=off"));
  }

  @Test
  void specsRefuseImpossibleShapes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PartitionSpec.simple("p1", 3, DataSize.ofMiB(256)).withMaxVcpus(2));
    assertEquals(
        "partition p1: vcpus 3 must be at least 1 and at most max-vcpus 2", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> PartitionSpec.simple("P 1", 1, DataSize.ofMiB(256)));
  }
}
