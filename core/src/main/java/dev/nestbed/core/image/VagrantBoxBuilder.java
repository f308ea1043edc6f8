package dev.nestbed.core.image;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Vagrant box of nestbed nodes ({@code images/vagrant-box/}): Debian with sshd, the vagrant
 * user and the host's QEMU and libvirt, bootable through GRUB; built with mmdebstrap and cached by
 * recipe hash like the other images.
 */
public final class VagrantBoxBuilder {
  /** The box's name, as {@code vagrant box add --name} should give it and projects refer to it. */
  public static final String BOX = "nestbed-node";

  static final String FILE = BOX + ".box";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);

  private final RecipeImageBuilder recipe;

  public VagrantBoxBuilder(Path nestbedHome, Path cacheRoot) {
    this.recipe =
        new RecipeImageBuilder(
            "vagrant-box", List.of(FILE, "manifest.txt"), BUILD_TIMEOUT, nestbedHome, cacheRoot);
  }

  /** The cached box file, built first if the cache has none for the current recipe. */
  public Path ensureBuilt() {
    return build(false);
  }

  /** The box file; with {@code force}, rebuilt even when the cache has it. */
  public Path build(boolean force) {
    return recipe.build(force).resolve(FILE);
  }
}
