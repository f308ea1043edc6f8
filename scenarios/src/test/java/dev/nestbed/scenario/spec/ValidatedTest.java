package dev.nestbed.scenario.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The valid... accessors: a validated spec's value, or a defect naming what was never bound. */
class ValidatedTest {
  private static final Location AT = new Location("t.yaml", 3, 5);

  @Test
  void aBoundValueIsReturned() {
    assertEquals("big", new RebalanceStep("big", Optional.empty(), AT).validPool());
  }

  @Test
  void aValueAProblemLeftUnboundIsADefectNamingItsKeyAndPlace() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new MigrateStep(
                        "p1", null, null, null, null, null, null, null, false, Optional.empty(), AT)
                    .validToPool());
    assertEquals(
        "to-pool at t.yaml:3:5 is missing: only a validated scenario is planned or run",
        e.getMessage());
  }
}
