package dev.nestbed.core.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.DataSize;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveMemoryDevicesTest {
  /**
   * Trimmed from the live XML of a partition under libvirt 11.3 after a 512 MiB plug and one DIMM.
   */
  private static final String LIVE =
      """
      <domain type='qemu' id='1'>
        <name>nb-x-p1</name>
        <memory unit='KiB'>786432</memory>
        <devices>
          <memballoon model='virtio'><alias name='balloon0'/></memballoon>
          <memory model='virtio-mem'>
            <target>
              <size unit='KiB'>524288</size>
              <node>0</node>
              <block unit='KiB'>2048</block>
              <requested unit='KiB'>524288</requested>
              <current unit='KiB'>131072</current>
              <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
            </target>
            <alias name='virtiomem0'/>
            <address type='pci' domain='0x0000' bus='0x00' slot='0x06' function='0x0'/>
          </memory>
          <memory model='dimm'>
            <target><size unit='KiB'>262144</size><node>0</node></target>
            <alias name='dimm0'/>
            <address type='dimm' slot='0' base='0x100000000'/>
          </memory>
        </devices>
      </domain>
      """;

  @Test
  void readsEveryMemoryDeviceWithWhatIsPluggedNow() {
    List<MemoryDevice> devices = LiveMemoryDevices.of(LIVE, "nb-x-p1");
    assertEquals(
        List.of(
            new MemoryDevice(
                "virtio-mem",
                "virtiomem0",
                0,
                DataSize.ofMiB(512),
                DataSize.ofMiB(512),
                DataSize.ofMiB(128)),
            new MemoryDevice(
                "dimm", "dimm0", 0, DataSize.ofMiB(256), DataSize.ofMiB(256), DataSize.ofMiB(256))),
        devices);
  }

  @Test
  void aResizeRequestIsTheLiveDeviceWithItsAddressAndAnotherRequestedSize() {
    String device =
        LiveMemoryDevices.withRequested(LIVE, "nb-x-p1", "virtiomem0", DataSize.ofMiB(256));
    assertTrue(device.startsWith("<memory model=\"virtio-mem\">"), device);
    assertTrue(device.contains("<requested unit=\"KiB\">262144</requested>"), device);
    assertTrue(
        device.contains("<alias name=\"virtiomem0\"/>") && device.contains("slot=\"0x06\""),
        device);
    assertFalse(device.contains("<current"), device);
    assertFalse(device.contains("dimm"), device);
  }

  @Test
  void aMissingDeviceIsNamed() {
    NestbedException e =
        assertThrows(
            NestbedException.class,
            () -> LiveMemoryDevices.withRequested(LIVE, "nb-x-p1", "virtiomem7", DataSize.ZERO));
    assertEquals("domain nb-x-p1 has no virtio-mem device 'virtiomem7'", e.getMessage());
  }
}
