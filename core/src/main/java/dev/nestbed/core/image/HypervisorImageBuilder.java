package dev.nestbed.core.image;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The hypervisor (L1) image ({@code images/hypervisor/}), built with mmdebstrap and cached by
 * recipe hash.
 */
public final class HypervisorImageBuilder {
  static final String DISK = "disk.img";
  static final String KERNEL = "vmlinuz";
  static final String INITRD = "initrd.img";
  static final String MANIFEST = "manifest.txt";

  /** Used when the manifest does not say: the first virtio disk is the root. */
  static final String DEFAULT_COMMAND_LINE =
      "root=/dev/vda rw console=ttyS0 init=/sbin/nestbed-l1-init";

  /** mmdebstrap downloads and unpacks a few hundred packages: minutes, not seconds. */
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);

  private final RecipeImageBuilder recipe;

  public HypervisorImageBuilder(Path nestbedHome, Path cacheRoot) {
    this.recipe =
        new RecipeImageBuilder(
            "hypervisor", List.of(DISK, KERNEL, INITRD), BUILD_TIMEOUT, nestbedHome, cacheRoot);
  }

  public HypervisorImage ensureBuilt() {
    return build(false);
  }

  public HypervisorImage build(boolean force) {
    Path dir = recipe.build(force);
    String hash = recipe.hashOf(dir);
    return new HypervisorImage(
        dir.resolve(DISK), dir.resolve(KERNEL), dir.resolve(INITRD), commandLine(dir), hash);
  }

  /**
   * The image a run would use, as named in the cache for the current recipe, built or not: nothing
   * is built. Its kernel command line names the root filesystem the build made, so until the image
   * is built it is a sentence saying so.
   */
  public HypervisorImage planned() {
    String hash = recipe.recipeHash();
    Path dir = recipe.directoryFor(hash);
    String commandLine =
        java.nio.file.Files.isRegularFile(dir.resolve(MANIFEST))
            ? commandLine(dir)
            : "(the command line of hypervisor image "
                + hash
                + ", known once it is built: nestbed images build)";
    return new HypervisorImage(
        dir.resolve(DISK), dir.resolve(KERNEL), dir.resolve(INITRD), commandLine, hash);
  }

  /** The {@code cmdline=} line of the image's manifest: the recipe knows how its image boots. */
  static String commandLine(Path dir) {
    try (var lines = java.nio.file.Files.lines(dir.resolve(MANIFEST))) {
      return lines
          .filter(l -> l.startsWith("cmdline="))
          .map(l -> l.substring("cmdline=".length()).strip())
          .findFirst()
          .orElse(DEFAULT_COMMAND_LINE);
    } catch (java.io.IOException e) {
      return DEFAULT_COMMAND_LINE;
    }
  }
}
