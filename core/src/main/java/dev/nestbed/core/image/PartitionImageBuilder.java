package dev.nestbed.core.image;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The partition guest image ({@code images/partition/}): a kernel and an initramfs with the agent.
 */
public final class PartitionImageBuilder {
  static final String KERNEL = "kernel";
  static final String INITRAMFS = "initramfs.cpio";

  private final RecipeImageBuilder recipe;

  public PartitionImageBuilder(Path nestbedHome, Path cacheRoot) {
    this.recipe =
        new RecipeImageBuilder(
            "partition", List.of(KERNEL, INITRAMFS), Duration.ofMinutes(5), nestbedHome, cacheRoot);
  }

  /** The cached image, built first if the cache has none for the current recipe. */
  public GuestImage ensureBuilt() {
    return build(false);
  }

  /**
   * The image a run would use, as named in the cache for the current recipe, built or not: nothing
   * is built. For showing what a run would define before it runs.
   */
  public GuestImage planned() {
    String hash = recipe.recipeHash();
    Path dir = recipe.directoryFor(hash);
    return new GuestImage(dir.resolve(KERNEL), dir.resolve(INITRAMFS), hash);
  }

  /** Builds the image; with {@code force}, even when the cache already has it. */
  public GuestImage build(boolean force) {
    Path dir = recipe.build(force);
    String hash = recipe.hashOf(dir);
    return new GuestImage(dir.resolve(KERNEL), dir.resolve(INITRAMFS), hash);
  }
}
