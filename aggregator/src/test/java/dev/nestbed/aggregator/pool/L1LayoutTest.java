package dev.nestbed.aggregator.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class L1LayoutTest {
  private static PoolPlan plan(List<NodeSpec> members, List<NodeSpec> spares) {
    return PoolPlanner.plan(
        "big", "nested", members, spares, DataSize.ofMiB(256), TimeSpan.parse("2us"));
  }

  @Test
  void membersComeFirstThenSparesEachWithItsOwnRunOfVcpuIds() {
    L1Layout layout =
        L1Layout.of(
            plan(
                List.of(
                    new NodeSpec("n1", 2, DataSize.ofGiB(1)),
                    new NodeSpec("n2", 1, DataSize.ofGiB(1))),
                List.of(new NodeSpec("n3", 2, DataSize.ofGiB(3)))));
    assertEquals(List.of(0, 1), layout.cellOf("n1").vcpus());
    assertEquals(List.of(2), layout.cellOf("n2").vcpus());
    L1Layout.NodeCell spare = layout.cellOf("n3");
    assertEquals(2, spare.cell());
    assertEquals("3-4", spare.vcpuRange());
    assertEquals(128, spare.bootMemoryMib());
    assertEquals(3072 - 128, spare.dimmMib(), "the rest of the node, whole 128 MiB blocks");
    assertEquals(5, layout.maxVcpus());
    assertEquals(3, layout.bootVcpus());
    assertEquals(1024 + 1024 + 128, layout.bootMemoryMib());
  }

  @Test
  void aSpareTooSmallForOneBlockBeyondItsSeedIsRefusedWithTheSizeToGive() {
    PoolPlan plan =
        PoolPlanner.plan(
            "big",
            "nested",
            List.of(new NodeSpec("n1", 1, DataSize.ofGiB(1))),
            List.of(new NodeSpec("n3", 1, DataSize.ofMiB(200))),
            DataSize.ofMiB(64),
            TimeSpan.parse("2us"));
    NestbedException e = assertThrows(NestbedException.class, () -> L1Layout.of(plan));
    assertTrue(e.getMessage().contains("spare node n3 of pool big"), e.getMessage());
    assertEquals("give it at least 256MiB", e.hint().orElseThrow());
  }

  @Test
  void theDimmOfASpareTargetsItsCell() {
    L1Layout layout =
        L1Layout.of(
            plan(
                List.of(new NodeSpec("n1", 1, DataSize.ofGiB(1))),
                List.of(new NodeSpec("n3", 1, DataSize.ofGiB(1)))));
    String dimm = L1Layout.dimmXml(layout.cellOf("n3"));
    assertTrue(
        dimm.contains("<size unit='MiB'>896</size>") && dimm.contains("<node>1</node>"), dimm);
  }
}
