package dev.nestbed.cli;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.accel.AcceleratorDetector;
import dev.nestbed.core.accel.KvmProbe;
import dev.nestbed.core.image.HypervisorImageBuilder;
import dev.nestbed.core.image.PartitionImageBuilder;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunDirectories;
import org.jspecify.annotations.Nullable;

/** What commands share about this host: the image builder and the accelerator, decided once. */
final class HostContext {
  private final PartitionImageBuilder images =
      new PartitionImageBuilder(RunDirectories.home(), RunDirectories.cacheRoot());
  private final HypervisorImageBuilder hypervisorImages =
      new HypervisorImageBuilder(RunDirectories.home(), RunDirectories.cacheRoot());
  private @Nullable Accelerator accelerator;

  HypervisorImageBuilder hypervisorImages() {
    return hypervisorImages;
  }

  PartitionImageBuilder images() {
    return images;
  }

  /**
   * What {@link #accelerator()} decides if its probe guest boots, without building or booting
   * anything: for showing what a run would define.
   */
  Accelerator expectedAccelerator() {
    return new AcceleratorDetector(new KvmProbe(images::ensureBuilt, new ProcessRunner()))
        .expected();
  }

  synchronized Accelerator accelerator() {
    if (accelerator == null) {
      accelerator =
          new AcceleratorDetector(new KvmProbe(images::ensureBuilt, new ProcessRunner())).detect();
    }
    return accelerator;
  }
}
