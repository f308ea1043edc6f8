package dev.nestbed.migration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MigrationOptionsTest {
  private static MigrationOptions postcopy(OptionalInt iterations, Optional<Duration> after) {
    return new MigrationOptions(
        MigrationMode.POSTCOPY,
        Optional.empty(),
        Optional.empty(),
        1,
        iterations,
        after,
        Duration.ofMinutes(1),
        MigrationOptions.DEFAULT_SAMPLE);
  }

  @Test
  void postcopySwitchesOnceThePassAfterTheGivenOneBegan() {
    MigrationOptions afterTwo = postcopy(OptionalInt.of(2), Optional.empty());
    assertFalse(afterTwo.postcopyDueAtPass(2));
    assertTrue(afterTwo.postcopyDueAtPass(3));
    // libvirt's event says 1 as the first pass begins and 2 once it has ended: the default switches
    // at 2
    MigrationOptions byDefault = postcopy(OptionalInt.empty(), Optional.empty());
    assertFalse(byDefault.postcopyDueAtPass(1));
    assertTrue(byDefault.postcopyDueAtPass(2));
    assertFalse(
        byDefault.postcopyDueAfter(Duration.ofHours(1)), "a switch by passes never comes by time");
  }

  @Test
  void postcopyAfterATimeIgnoresThePasses() {
    MigrationOptions afterTime = postcopy(OptionalInt.empty(), Optional.of(Duration.ofSeconds(3)));
    assertFalse(afterTime.postcopyDueAfter(Duration.ofSeconds(2)));
    assertTrue(afterTime.postcopyDueAfter(Duration.ofSeconds(3)));
    assertFalse(afterTime.postcopyDueAtPass(9));
  }

  @Test
  void otherModesNeverSwitchAndRefusePostcopyKnobs() {
    MigrationOptions precopy = MigrationOptions.precopy(Duration.ofMinutes(1));
    assertFalse(precopy.postcopyDueAtPass(99));
    assertFalse(precopy.postcopyDueAfter(Duration.ofHours(1)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MigrationOptions(
                MigrationMode.PRECOPY,
                Optional.empty(),
                Optional.empty(),
                1,
                OptionalInt.of(1),
                Optional.empty(),
                Duration.ofMinutes(1),
                MigrationOptions.DEFAULT_SAMPLE));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MigrationOptions(
                MigrationMode.PRECOPY,
                Optional.empty(),
                Optional.empty(),
                0,
                OptionalInt.empty(),
                Optional.empty(),
                Duration.ofMinutes(1),
                MigrationOptions.DEFAULT_SAMPLE));
  }

  @Test
  void modesAreNamedAsInScenarios() {
    assertTrue(MigrationMode.of("auto-converge") == MigrationMode.AUTO_CONVERGE);
    assertThrows(IllegalArgumentException.class, () -> MigrationMode.of("precopy-ish"));
  }
}
