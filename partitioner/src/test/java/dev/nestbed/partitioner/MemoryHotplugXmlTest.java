package dev.nestbed.partitioner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.libvirt.MemoryDevice;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryHotplugXmlTest {
  private static final PartitionSpec GROWS =
      new PartitionSpec(
          "p1",
          1,
          2,
          DataSize.ofMiB(256),
          DataSize.ofMiB(768),
          DataSize.ofMiB(64),
          DataRate.parse("8MiB/s"));

  private static String render(PartitionSpec spec, Accelerator accelerator) {
    return PartitionDomainXml.render(
        "nb-a1b2c3d4-p1",
        new RunTag(new RunId("a1b2c3d4"), "partition", "p1"),
        spec,
        new GuestImage(Path.of("/c/kernel"), Path.of("/c/initramfs.cpio"), "h"),
        accelerator,
        new PartitionDomainXml.Paths(Path.of("/r/p1/console.log")));
  }

  @Test
  void aPartitionThatCanGrowHasRoomOneGuestCellAndAnEmptyVirtioMemDeviceOnIt() {
    String xml = render(GROWS, Accelerator.tcg("test"));
    assertTrue(
        xml.contains(
            "<maxMemory slots='1' unit='KiB'>786432</maxMemory>\n  <memory unit='KiB'>262144</memory>"),
        xml);
    assertTrue(
        xml.contains(
            "<model fallback='forbid'>qemu64</model><numa><cell id='0' cpus='0-1' memory='262144'"
                + " unit='KiB'/></numa></cpu>"),
        xml);
    assertTrue(
        xml.replaceAll(">\\s+<", "><")
            .contains(
                "<memory model='virtio-mem'><target>"
                    + "<size unit='KiB'>524288</size><node>0</node><block unit='KiB'>2048</block><requested unit='KiB'>0</requested>"
                    + "</target></memory></devices>"),
        xml);
  }

  @Test
  void theGuestCellGoesIntoAHostPassthroughCpuToo() {
    String xml = render(GROWS, Accelerator.kvm("test"));
    assertTrue(
        xml.contains("<cpu mode='host-passthrough' check='none'><numa><cell id='0' cpus='0-1'"),
        xml);
  }

  @Test
  void aPartitionThatCannotGrowHasNoneOfIt() {
    String xml =
        render(
            GROWS.withMaxMemory(DataSize.ofMiB(256), MemoryDeviceModel.VIRTIO_MEM),
            Accelerator.tcg("t"));
    assertFalse(
        xml.contains("maxMemory")
            || xml.contains("<numa>")
            || xml.contains("virtio-mem")
            || xml.contains("memhp_default_state"),
        xml);
  }

  @Test
  void aDimmPartitionHasSlotsButNoDeviceUntilItGrows() {
    PartitionSpec dimm = GROWS.withMaxMemory(DataSize.ofMiB(768), MemoryDeviceModel.DIMM);
    String xml = render(dimm, Accelerator.tcg("test"));
    assertTrue(xml.contains("<maxMemory slots='8' unit='KiB'>786432</maxMemory>"), xml);
    assertFalse(xml.contains("model='virtio-mem'") || xml.contains("model='dimm'"), xml);
    assertTrue(
        MemoryHotplugXml.dimm(DataSize.ofMiB(256)).contains("<size unit='KiB'>262144</size>"));
  }

  @Test
  void roomIsWholeVirtioMemBlocks() {
    PartitionSpec odd = GROWS.withMaxMemory(DataSize.ofMiB(257), MemoryDeviceModel.VIRTIO_MEM);
    assertEquals(DataSize.ofMiB(2), MemoryHotplugXml.room(odd));
    assertEquals(DataSize.ofMiB(4), MemoryPlug.rounded(GROWS, DataSize.ofMiB(3)));
  }

  @Test
  void dimmsGrowInWholeSectionsAndShrinkOnlyByWholeDimmsLastFirst() {
    PartitionSpec dimm = GROWS.withMaxMemory(DataSize.ofMiB(768), MemoryDeviceModel.DIMM);
    MemoryDevice a =
        new MemoryDevice(
            "dimm", "dimm0", 0, DataSize.ofMiB(256), DataSize.ofMiB(256), DataSize.ofMiB(256));
    MemoryDevice b =
        new MemoryDevice(
            "dimm", "dimm1", 0, DataSize.ofMiB(128), DataSize.ofMiB(128), DataSize.ofMiB(128));
    assertEquals(
        "a DIMM grows it in whole 128MiB (Linux memory sections), not by 64MiB",
        MemoryPlug.refusal(dimm, List.of(), DataSize.ZERO, DataSize.ofMiB(64)));
    assertNull(MemoryPlug.refusal(dimm, List.of(a), DataSize.ofMiB(256), DataSize.ofMiB(384)));
    assertNull(MemoryPlug.refusal(dimm, List.of(a, b), DataSize.ofMiB(384), DataSize.ofMiB(256)));
    assertNull(MemoryPlug.refusal(dimm, List.of(a, b), DataSize.ofMiB(384), DataSize.ZERO));
    assertEquals(
        "its DIMMs (last plugged first: 256MiB, 128MiB) cannot leave exactly 128MiB plugged",
        MemoryPlug.refusal(dimm, List.of(a, b), DataSize.ofMiB(384), DataSize.ofMiB(128)));
    assertNull(
        MemoryPlug.refusal(GROWS, List.of(), DataSize.ofMiB(384), DataSize.ofMiB(2)),
        "virtio-mem takes any block");
  }
}
