package dev.nestbed.core.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The root filesystems of container nodes ({@code images/node-<name>/}): Debian with a QEMU and a
 * libvirt, one image per pair of versions, built with mmdebstrap and cached by recipe hash like the
 * other images. The provider imports the tar into Docker.
 */
public final class NodeImageBuilder {
  /** The node images there are recipes for; {@code default} has the host's QEMU and libvirt. */
  public static final List<String> IMAGES = List.of("default", "debian-12");

  /** The image a container node runs when its scenario names none. */
  public static final String DEFAULT = "default";

  static final String ROOTFS = "rootfs.tar";
  private static final String VERSIONS = "versions.txt";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

  private final RecipeImageBuilder recipe;
  private final String name;

  /**
   * @param name one of {@link #IMAGES}
   */
  public NodeImageBuilder(String name, Path nestbedHome, Path cacheRoot) {
    if (!IMAGES.contains(name)) {
      throw new IllegalArgumentException("no node image " + name + "; there are " + IMAGES);
    }
    this.name = name;
    this.recipe =
        new RecipeImageBuilder(
            "node-" + name,
            List.of(ROOTFS, VERSIONS, "manifest.txt"),
            BUILD_TIMEOUT,
            nestbedHome,
            cacheRoot);
  }

  /** A built node image: its root filesystem and what it runs. */
  public record Built(String name, String hash, Path rootfs, Map<String, String> versions) {
    /** One line for users and reports, e.g. {@code QEMU 1:10.0.2..., libvirt 11.3.0...}. */
    public String describe() {
      return "QEMU "
          + versions.getOrDefault("qemu", "?")
          + ", libvirt "
          + versions.getOrDefault("libvirt", "?");
    }
  }

  /** The cached image, built first if the cache has none for the current recipe. */
  public Built ensureBuilt() {
    return build(false);
  }

  /** The image; with {@code force}, rebuilt even when the cache has it. */
  public Built build(boolean force) {
    Path dir = recipe.build(force);
    Map<String, String> versions;
    try (var lines = Files.lines(dir.resolve(VERSIONS))) {
      versions =
          lines
              .map(String::strip)
              .filter(l -> l.contains(" "))
              .collect(
                  Collectors.toMap(
                      l -> l.substring(0, l.indexOf(' ')),
                      l -> l.substring(l.indexOf(' ') + 1),
                      (a, b) -> b));
    } catch (java.io.IOException e) {
      throw new dev.nestbed.core.NestbedException(
          "cannot read " + dir.resolve(VERSIONS) + ": " + e.getMessage(),
          "rebuild the image: nestbed images build node-" + name + " --force");
    }
    return new Built(name, recipe.hashOf(dir), dir.resolve(ROOTFS), versions);
  }
}
