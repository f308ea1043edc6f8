package dev.nestbed.scenario.run;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How to run a scenario: where its outputs go, the default step timeout, and where the guest image
 * and the accelerator come from (decided once per run, on first use).
 */
public record RunSettings(String scenarioFile, Path outDir, Duration defaultStepTimeout,
    Supplier<GuestImage> image, Supplier<Accelerator> accelerator) {
  /** Steps without a timeout of their own get this one. */
  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(5);
}
