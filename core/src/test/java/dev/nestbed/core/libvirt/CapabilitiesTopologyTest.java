package dev.nestbed.core.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.value.DataSize;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapabilitiesTopologyTest {
  @Test
  void readsCellsMemoryCpusAndDistances() {
    String xml =
        """
        <capabilities><host><uuid>x</uuid>
          <topology><cells num='2'>
            <cell id='0'><memory unit='KiB'>1011000</memory>
              <distances><sibling id='0' value='10'/><sibling id='1' value='210'/></distances>
              <cpus num='1'><cpu id='0' socket_id='0' die_id='0' core_id='0' siblings='0'/></cpus></cell>
            <cell id='1'><memory unit='KiB'>1032000</memory>
              <distances><sibling id='0' value='210'/><sibling id='1' value='10'/></distances>
              <cpus num='2'><cpu id='1'/><cpu id='2'/></cpus></cell>
          </cells></topology></host>
          <guest><arch name='x86_64'><topology sockets='1'/></arch></guest>
        </capabilities>""";
    List<NumaCell> cells = CapabilitiesTopology.cells(xml);
    assertEquals(2, cells.size());
    assertEquals(
        new NumaCell(0, DataSize.ofKiB(1011000), List.of(0), Map.of(0, 10, 1, 210)), cells.get(0));
    assertEquals(List.of(1, 2), cells.get(1).cpus());
  }

  @Test
  void theTestDriversHostHasCells() {
    try (LibvirtHost host = LibvirtHost.connect("test", "test:///default")) {
      assertTrue(CapabilitiesTopology.cells(host.capabilities()).size() >= 1);
    }
  }
}
