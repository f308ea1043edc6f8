package dev.nestbed.aggregator.vagrant;

import dev.nestbed.core.image.VagrantBoxBuilder;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Vagrant boxes a run added under its own name (machines on another host's libvirt get one each
 * run: see {@link VagrantNodeProvider}), as directories of Vagrant's home under nestbed's cache. A
 * run removes its box when it ends; one killed outright leaves it for {@code nestbed clean}.
 */
public final class RunBoxes {
  private RunBoxes() {}

  /** The run's box directories under Vagrant's home; empty when it left none. */
  public static List<Path> of(RunId runId) {
    return of(RunDirectories.cacheRoot().resolve("vagrant"), runId);
  }

  /** The run's box directories under the Vagrant home {@code vagrantHome}. */
  static List<Path> of(Path vagrantHome, RunId runId) {
    Path boxes = vagrantHome.resolve("boxes");
    if (!Files.isDirectory(boxes)) {
      return List.of();
    }
    String pattern = VagrantBoxBuilder.BOX + "-[0-9a-f]+-" + runId.value();
    try (Stream<Path> dirs = Files.list(boxes)) {
      return dirs.filter(d -> d.getFileName().toString().matches(pattern)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The box's name as a run added it: what {@link #of} finds. */
  static String name(String boxOfRecipe, RunId runId) {
    return boxOfRecipe + "-" + runId.value();
  }
}
