package dev.nestbed.partitioner;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.run.RunId;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What every partition of a run shares: the run id it is tagged with, the guest image, the
 * accelerator, where its files live while it runs and where its console log is kept afterwards.
 *
 * @param keptLogs directory receiving {@code <partition>.console.log} on teardown, or null
 */
public record PartitionEnvironment(
    RunId runId,
    GuestImage image,
    Accelerator accelerator,
    Path stateRoot,
    @Nullable Path keptLogs) {}
