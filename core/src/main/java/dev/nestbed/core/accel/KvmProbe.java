package dev.nestbed.core.accel;

import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Boots the partition image once under KVM, outside libvirt, and reports whether it reached
 * userspace. The image's init powers off at once when it sees {@code nestbed.probe=1}; a guest that
 * needs longer than the timeout to get there is as good as not booting.
 */
public final class KvmProbe implements BooleanSupplier {
  /** What the image's init prints once it runs, before it powers off. */
  public static final String MARKER = "nestbed-probe: userspace reached";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Supplier<GuestImage> image;
  private final ProcessRunner runner;

  public KvmProbe(Supplier<GuestImage> image, ProcessRunner runner) {
    this.image = image;
    this.runner = runner;
  }

  @Override
  public boolean getAsBoolean() {
    GuestImage guest = image.get();
    try {
      ProcessResult result =
          runner.runAllowingFailure(
              Command.of(
                      "qemu-system-x86_64",
                      "-accel",
                      "kvm",
                      "-cpu",
                      "host",
                      "-m",
                      "128",
                      "-smp",
                      "1",
                      "-nographic",
                      "-no-reboot",
                      "-kernel",
                      guest.kernel().toString(),
                      "-initrd",
                      guest.initramfs().toString(),
                      "-append",
                      "console=ttyS0 panic=-1 nestbed.probe=1")
                  .withTimeout(TIMEOUT));
      return result.stdout().contains(MARKER);
    } catch (RuntimeException timedOutOrMissing) {
      return false;
    }
  }
}
