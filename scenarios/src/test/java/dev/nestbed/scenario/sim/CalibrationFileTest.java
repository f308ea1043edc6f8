package dev.nestbed.scenario.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.model.OperationCalibration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationFileTest {
  @TempDir Path dir;

  @Test
  void whatIsWrittenReadsBackAsTheSameCalibration() throws Exception {
    Path file = dir.resolve("c.json");
    OperationCalibration here = OperationCalibration.MEASURED_HERE;

    CalibrationFile.write(here, file);
    OperationCalibration read = CalibrationFile.read(file);

    assertEquals(here.start(), read.start());
    assertEquals(here.memoryPlugBytesPerSecond(), read.memoryPlugBytesPerSecond(), 1e-6);
    assertEquals(here.movePageBytesPerSecond(), read.movePageBytesPerSecond(), 1e-6);
    assertEquals(here.guestFootprint(), read.guestFootprint());
    assertEquals(here.migration().setup(), read.migration().setup());
    assertEquals(here.migration().provenance(), read.migration().provenance());
    assertEquals(here.provenance(), read.provenance());
  }

  @Test
  void aFileThatIsNotACalibrationIsNamedWithWhatIsWrong() throws Exception {
    Path results = Files.writeString(dir.resolve("results.json"), "{\"scenario\": \"x\"}");
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"nestbedCalibration\": 1}");

    NestbedException notOne =
        assertThrows(NestbedException.class, () -> CalibrationFile.read(results));
    NestbedException missing =
        assertThrows(NestbedException.class, () -> CalibrationFile.read(broken));

    assertEquals(
        "calibration " + results + " is not a nestbed calibration of format 1",
        notOne.getMessage());
    assertEquals("calibration " + broken + ": it has no migration object", missing.getMessage());
  }
}
