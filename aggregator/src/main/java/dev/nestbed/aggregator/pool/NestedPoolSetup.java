package dev.nestbed.aggregator.pool;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.HypervisorImage;
import dev.nestbed.core.run.RunId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What booting a nested pool needs besides its plan and host node.
 *
 * @param guestImages a directory of guest images to offer inside L1 (read-only, at {@code
 *     /var/lib/nestbed/images/<its name>/})
 * @param imagesDiskScript {@code images/hypervisor/make-images-disk.sh}
 * @param poolDirectory where the L1's overlay, images disk and console live while it runs
 * @param keptLogs where the L1's console log is copied on close, or null
 * @param readyWithin how long L1 may take to boot to a reachable libvirtd
 * @param progress receives lines worth showing ("L1 of big booting")
 * @param interconnect the L1's place on the network between the run's L1s, or null for none
 */
public record NestedPoolSetup(
    RunId runId,
    HypervisorImage image,
    Path guestImages,
    Path imagesDiskScript,
    Accelerator accelerator,
    Path poolDirectory,
    Path keptLogs,
    Duration readyWithin,
    Consumer<String> progress,
    @Nullable L1Interconnect interconnect) {}
