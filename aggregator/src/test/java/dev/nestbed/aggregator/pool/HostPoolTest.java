package dev.nestbed.aggregator.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.DataSize;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Adopting a machine by URI, against libvirt's in-process test driver (two NUMA cells, no daemon).
 */
class HostPoolTest {
  @Test
  void aMachineAdoptedByUriHasTheCellsItsCapabilitiesReport() {
    try (HostPool pool = HostPool.adopt("big", "test:///default", DataSize.ofMiB(256))) {
      PoolPlan plan = pool.plan();
      assertEquals("host", plan.backend());
      assertEquals(
          List.of(
              new Cell("0", 8, DataSize.parse("1792MiB")),
              new Cell("1", 8, DataSize.parse("3840MiB"))),
          plan.cells());
      assertEquals(
          List.of(List.of(10, 20), List.of(20, 10)),
          plan.distances(),
          "the test driver reports no SLIT");
      assertEquals(2, pool.observedCells().size());
      assertEquals("test:///default", pool.uri());
      assertEquals(Optional.empty(), pool.whyNotOnThisMachine());
    }
  }

  @Test
  void anUnreachableUriIsNamedWithThePoolAndWhatToCheck() {
    String uri = "qemu+unix:///system?socket=/nonexistent/nestbed-test/libvirt-sock";
    NestbedException e =
        assertThrows(NestbedException.class, () -> HostPool.adopt("big", uri, DataSize.ZERO));
    assertTrue(
        e.getMessage().startsWith("host pool big cannot reach its machine at " + uri + ": "),
        e.getMessage());
    assertTrue(
        e.hint()
            .orElseThrow()
            .startsWith("there is no socket at /nonexistent/nestbed-test/libvirt-sock"),
        e.hint().orElseThrow());
  }
}
