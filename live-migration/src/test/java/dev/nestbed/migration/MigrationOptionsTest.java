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
    return new MigrationOptions(MigrationMode.POSTCOPY, Optional.empty(), Optional.empty(), 1, iterations, after,
        Duration.ofMinutes(1), MigrationOptions.DEFAULT_SAMPLE);
  }

  @Test
  void postcopySwitchesOnceThePassAfterTheGivenOneBegan() {
    MigrationOptions afterTwo = postcopy(OptionalInt.of(2), Optional.empty());
    assertFalse(afterTwo.postcopyDue(2, Duration.ofSeconds(30)));
    assertTrue(afterTwo.postcopyDue(3, Duration.ZERO));
    MigrationOptions byDefault = postcopy(OptionalInt.empty(), Optional.empty());
    assertFalse(byDefault.postcopyDue(1, Duration.ofSeconds(30)));
    assertTrue(byDefault.postcopyDue(2, Duration.ZERO));
  }

  @Test
  void postcopyAfterATimeIgnoresThePasses() {
    MigrationOptions afterTime = postcopy(OptionalInt.empty(), Optional.of(Duration.ofSeconds(3)));
    assertFalse(afterTime.postcopyDue(9, Duration.ofSeconds(2)));
    assertTrue(afterTime.postcopyDue(1, Duration.ofSeconds(3)));
  }

  @Test
  void otherModesNeverSwitchAndRefusePostcopyKnobs() {
    assertFalse(MigrationOptions.precopy(Duration.ofMinutes(1)).postcopyDue(99, Duration.ofHours(1)));
    assertThrows(IllegalArgumentException.class, () -> new MigrationOptions(MigrationMode.PRECOPY, Optional.empty(),
        Optional.empty(), 1, OptionalInt.of(1), Optional.empty(), Duration.ofMinutes(1), MigrationOptions.DEFAULT_SAMPLE));
    assertThrows(IllegalArgumentException.class, () -> new MigrationOptions(MigrationMode.PRECOPY, Optional.empty(),
        Optional.empty(), 0, OptionalInt.empty(), Optional.empty(), Duration.ofMinutes(1), MigrationOptions.DEFAULT_SAMPLE));
  }

  @Test
  void modesAreNamedAsInScenarios() {
    assertTrue(MigrationMode.of("auto-converge") == MigrationMode.AUTO_CONVERGE);
    assertThrows(IllegalArgumentException.class, () -> MigrationMode.of("precopy-ish"));
  }
}
