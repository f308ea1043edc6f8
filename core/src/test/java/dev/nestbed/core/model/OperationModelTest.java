package dev.nestbed.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.value.DataSize;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperationModelTest {
  private static final double MIB = 1 << 20;
  private static final OperationCalibration CALIBRATION =
      new OperationCalibration(
          Duration.ofMillis(500),
          Duration.ofMillis(3000),
          Duration.ofMillis(400),
          1024 * MIB,
          512 * MIB,
          Duration.ofMillis(200),
          Duration.ofMillis(700),
          Duration.ofMillis(900),
          Duration.ofMillis(100),
          100 * MIB,
          Duration.ofMillis(450),
          DataSize.ofMiB(64),
          MigrationCalibration.NONE,
          new Provenance("test", "", "", ""));
  private final OperationModel model = new OperationModel(CALIBRATION);

  @Test
  void memoryPastTheBootSizeIsPluggedAtItsRateAndWithinItBallooned() {
    DataSize boot = DataSize.ofGiB(1);
    assertEquals(
        Duration.ofMillis(500), model.memory(boot, DataSize.ofGiB(1), DataSize.ofMiB(1536)));
    assertEquals(
        Duration.ofSeconds(1), model.memory(boot, DataSize.ofMiB(1536), DataSize.ofGiB(1)));
    assertEquals(
        Duration.ofMillis(200), model.memory(boot, DataSize.ofGiB(1), DataSize.ofMiB(768)));
    // down across the boot size: the plugged half GiB leaves, then the balloon takes a quarter
    assertEquals(
        Duration.ofMillis(1200), model.memory(boot, DataSize.ofMiB(1536), DataSize.ofMiB(768)));
  }

  @Test
  void aMoveGoesAtTheSlowerOfThePageRateAndTheLink() {
    assertEquals(Duration.ofMillis(100 + 10_000), model.move(DataSize.ofMiB(1000), 1e12));
    assertEquals(Duration.ofMillis(100 + 20_000), model.move(DataSize.ofMiB(1000), 50 * MIB));
  }

  @Test
  void aMigrationCopiesTheFootprintAndTheWorkingSetAtMostAllOfIt() {
    assertEquals(DataSize.ofMiB(64 + 256), model.inUse(DataSize.ofGiB(8), DataSize.ofMiB(256)));
    assertEquals(DataSize.ofMiB(128), model.inUse(DataSize.ofMiB(128), DataSize.ofMiB(256)));
  }
}
