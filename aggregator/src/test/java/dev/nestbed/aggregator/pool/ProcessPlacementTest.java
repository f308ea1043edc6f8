package dev.nestbed.aggregator.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.value.DataSize;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessPlacementTest {
  private static final String OUTPUT =
      """
      55d4c8a00000 restrictive:0 file=/usr/bin/qemu-system-x86_64 mapped=800 mapmax=2 N0=800 kernelpagesize_kB=4
      7f0000000000 restrictive:0 anon=38400 dirty=38400 active=0 N0=38144 N1=256 kernelpagesize_kB=4
      7f1000000000 restrictive:0 anon=2 dirty=2 N1=2 kernelpagesize_kB=2048
      7ffd1000 restrictive:0 stack anon=9 dirty=9 N0=9 kernelpagesize_kB=4
      ==threads
      qemu-system-x86\t0-1
      CPU 0/TCG\t0
      CPU 1/TCG\t0
      """;

  @Test
  void sumsAnonymousPagesPerNodeWithTheirPageSizesAndSkipsFileBackedOnes() {
    ProcessPlacement p = ProcessPlacement.parse(OUTPUT);
    assertEquals(DataSize.ofBytes((38144L + 9) * 4096), p.memoryByNode().get(0));
    assertEquals(DataSize.ofBytes(256L * 4096 + 2L * 2048 * 1024), p.memoryByNode().get(1));
    assertEquals(DataSize.ofBytes((38144L + 9) * 4096), p.memoryOn(Set.of(0)));
  }

  @Test
  void keepsOnlyTheVcpuThreads() {
    ProcessPlacement p = ProcessPlacement.parse(OUTPUT);
    assertEquals(Map.of("CPU 0/TCG", Set.of(0), "CPU 1/TCG", Set.of(0)), p.vcpuCpus());
    assertTrue(p.vcpusConfinedTo(Set.of(0)));
    assertFalse(p.vcpusConfinedTo(Set.of(1)));
  }

  @Test
  void isOnCellsWhenItsVcpusAreConfinedAndNinetyPercentOfItsMemoryIsThere() {
    ProcessPlacement p = ProcessPlacement.parse(OUTPUT);
    assertEquals(38153.0 / (38153 + 256 + 1024), p.shareOn(Set.of(0)), 1e-9);
    assertTrue(p.isOn(new CellGroup(Set.of(0), Set.of(0))), "97% of the memory is on node 0");
    assertFalse(p.isOn(new CellGroup(Set.of(0, 1), Set.of(1))), "3% of the memory is on node 1");
    assertFalse(p.isOn(new CellGroup(Set.of(1), Set.of(0, 1))), "the vCPUs may run on CPU 0");
  }

  @Test
  void noVcpuThreadsIsNotConfined() {
    assertFalse(
        ProcessPlacement.parse("==threads\nqemu\t0-3\n").vcpusConfinedTo(Set.of(0, 1, 2, 3)));
  }

  @Test
  void readsCpuRanges() {
    assertEquals(Set.of(0, 1, 2, 5), ProcessPlacement.cpuList("0-2,5"));
  }
}
