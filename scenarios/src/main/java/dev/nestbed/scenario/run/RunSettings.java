package dev.nestbed.scenario.run;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.image.HypervisorImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How to run a scenario: where its outputs go, the default step timeout, where the guest and
 * hypervisor images and the accelerator come from (decided once per run, on first use), the nestbed
 * checkout (for image helper scripts), and what the run is made of and with (for its provenance).
 */
public record RunSettings(
    String scenarioFile,
    Path outDir,
    Duration defaultStepTimeout,
    Supplier<GuestImage> image,
    Supplier<HypervisorImage> hypervisorImage,
    Supplier<Accelerator> accelerator,
    Path nestbedHome,
    RunOrigin origin) {
  /** Steps without a timeout of their own get this one. */
  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(5);
}
