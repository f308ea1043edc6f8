package dev.nestbed.partitioner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.pool.CellBinding;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementXmlTest {
  @Test
  void everyVcpuAndTheEmulatorArePinnedToTheCellsCpusAndMemoryIsRestrictedToTheirNodes() {
    String xml = PlacementXml.render(List.of(new CellBinding("n2", 1, List.of(2, 3))), 3);
    assertTrue(xml.contains("<vcpupin vcpu='0' cpuset='2,3'/>"), xml);
    assertTrue(xml.contains("<vcpupin vcpu='2' cpuset='2,3'/>"), "also vCPUs not plugged yet: " + xml);
    assertTrue(xml.contains("<emulatorpin cpuset='2,3'/>"), xml);
    assertTrue(xml.contains("<memory mode='restrictive' nodeset='1'/>"), xml);
  }

  @Test
  void aPartitionOnTwoCellsMayUseTheCpusAndMemoryOfBoth() {
    String xml = PlacementXml.render(List.of(new CellBinding("n1", 0, List.of(0)),
        new CellBinding("n2", 1, List.of(1))), 1);
    assertTrue(xml.contains("<vcpupin vcpu='0' cpuset='0,1'/>"), xml);
    assertTrue(xml.contains("nodeset='0,1'"), xml);
  }

  @Test
  void withoutCellsNothingIsBound() {
    assertEquals("", PlacementXml.render(List.of(), 2));
  }
}
