package dev.nestbed.core.image;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The hypervisor (L1) image ({@code images/hypervisor/}), built with mmdebstrap and cached by recipe hash. */
public final class HypervisorImageBuilder {
  static final String DISK = "disk.img";
  static final String KERNEL = "vmlinuz";
  static final String INITRD = "initrd.img";
  /** mmdebstrap downloads and unpacks a few hundred packages: minutes, not seconds. */
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);

  private final RecipeImageBuilder recipe;

  public HypervisorImageBuilder(Path nestbedHome, Path cacheRoot) {
    this.recipe = new RecipeImageBuilder("hypervisor", List.of(DISK, KERNEL, INITRD), BUILD_TIMEOUT, nestbedHome,
        cacheRoot);
  }

  public HypervisorImage ensureBuilt() {
    return build(false);
  }

  public HypervisorImage build(boolean force) {
    Path dir = recipe.build(force);
    String hash = dir.getFileName().toString().substring("hypervisor-".length());
    return new HypervisorImage(dir.resolve(DISK), dir.resolve(KERNEL), dir.resolve(INITRD), hash);
  }
}
