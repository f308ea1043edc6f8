package dev.nestbed.partitioner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.pool.CellBinding;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementXmlTest {
  @Test
  void everyVcpuAndTheEmulatorArePinnedToTheCellsCpusAndMemoryIsRestrictedToTheirNodes() {
    String xml = PlacementXml.render(List.of(new CellBinding("n2", 1, List.of(2, 3))), 3);
    assertTrue(xml.contains("<vcpupin vcpu='0' cpuset='2,3'/>"), xml);
    assertTrue(
        xml.contains("<vcpupin vcpu='2' cpuset='2,3'/>"), "also vCPUs not plugged yet: " + xml);
    assertTrue(xml.contains("<emulatorpin cpuset='2,3'/>"), xml);
    assertTrue(xml.contains("<memory mode='restrictive' nodeset='1'/>"), xml);
  }

  @Test
  void aPartitionOnTwoCellsMayUseTheCpusAndMemoryOfBoth() {
    String xml =
        PlacementXml.render(
            List.of(new CellBinding("n1", 0, List.of(0)), new CellBinding("n2", 1, List.of(1))), 1);
    assertTrue(xml.contains("<vcpupin vcpu='0' cpuset='0,1'/>"), xml);
    assertTrue(xml.contains("nodeset='0,1'"), xml);
  }

  @Test
  void withoutCellsNothingIsBound() {
    assertEquals("", PlacementXml.render(List.of(), 2));
  }

  /**
   * As libvirt writes a migratable XML after a move: bound to node 1 and CPU 1, with more around.
   */
  @Test
  void rebindingReplacesThePinningAndTheMemoryNodesAndKeepsTheRest() {
    String source =
        """
        <domain type='qemu'>
          <name>nb-1-p1</name>
          <vcpu placement='static' current='1'>2</vcpu>
          <cputune>
            <vcpupin vcpu='0' cpuset='1'/>
            <vcpupin vcpu='1' cpuset='1'/>
            <emulatorpin cpuset='1'/>
          </cputune>
          <numatune>
            <memory mode='restrictive' nodeset='1'/>
          </numatune>
          <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type></os>
        </domain>
        """;
    String bound = PlacementXml.rebind(source, List.of(new CellBinding("n3", 0, List.of(0))), 2);
    assertTrue(bound.contains("<vcpupin vcpu='1' cpuset='0'/>"), bound);
    assertTrue(bound.contains("<emulatorpin cpuset='0'/>"), bound);
    assertTrue(bound.contains("<memory mode='restrictive' nodeset='0'/>"), bound);
    assertEquals(1, bound.split("<cputune>", -1).length - 1, bound);
    assertEquals(1, bound.split("<numatune>", -1).length - 1, bound);
    assertTrue(!bound.contains("cpuset='1'") && !bound.contains("nodeset='1'"), bound);
    assertTrue(
        bound.contains("<vcpu placement='static' current='1'>2</vcpu>")
            && bound.contains("machine='pc-q35-7.2'"),
        bound);
  }

  @Test
  void xmlThatBindsNothingIsNotRebound() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PlacementXml.rebind(
                "<domain><name>x</name></domain>",
                List.of(new CellBinding("n1", 0, List.of(0))),
                1));
  }
}
