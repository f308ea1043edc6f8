package dev.nestbed.scenario.parse;

import dev.nestbed.core.NestbedException;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Reads a scenario file into a validated {@link ScenarioSpec}, or reports everything wrong with it
 * at once.
 *
 * <p>Four passes, each seeing what the earlier ones could make of the file: the YAML itself
 * (syntax, duplicate keys), the shape of each section (known keys, types, units, required values),
 * the references between sections (pools to nodes, partitions to pools and cells, steps and
 * expectations to both, with pool membership followed through the steps), and capacity (memory and
 * CPUs each pool offers). A pass that cannot trust its input skips the affected objects rather than
 * reporting consequences of a problem already reported.
 */
public final class ScenarioLoader {
  private ScenarioLoader() {}

  /**
   * The largest scenario read, in bytes. Generated scenarios of thousands of partitions and steps
   * run to a few MiB; anything much larger is not a scenario, and is refused before it is read.
   */
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  /**
   * @throws ScenarioInvalidException listing every problem, each with file, line and column
   * @throws NestbedException if the file cannot be read at all, is not a regular file (a FIFO, a
   *     device, a directory) or is larger than {@link #MAX_BYTES}; none of these is read whole
   */
  public static ScenarioSpec load(Path file) {
    return load(file, HostSizes.NONE);
  }

  /** As {@link #load(Path)}, asking {@code sizes} for what existing hosts without sizes have. */
  public static ScenarioSpec load(Path file, HostSizes sizes) {
    return load(file.toString(), read(file), sizes);
  }

  /**
   * The text of a scenario file, read as {@link #load(Path)} reads it: the text a run parses and
   * records is then the one it read, whatever happens to the file meanwhile.
   *
   * @throws ScenarioInvalidException if a byte is not UTF-8 or is a NUL, naming its line and column
   * @throws NestbedException as {@link #load(Path)}
   */
  public static String read(Path file) {
    byte[] bytes;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new NestbedException(
            "scenario file "
                + file
                + " is not a regular file (it is "
                + (attributes.isDirectory() ? "a directory" : "a device, a FIFO or a socket")
                + ")",
            "give the path of a .yaml file");
      }
      if (attributes.size() > MAX_BYTES) {
        throw tooLarge(file, attributes.size());
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) MAX_BYTES + 1); // the file may have grown since it was measured
      }
      if (bytes.length > MAX_BYTES) {
        throw tooLarge(file, bytes.length);
      }
    } catch (NoSuchFileException e) {
      throw new NestbedException(
          "scenario file " + file + " does not exist",
          "check the path; examples are in scenarios/examples/");
    } catch (IOException e) {
      throw new NestbedException(
          "cannot read scenario file " + file + ": " + e.getMessage(),
          "check that it is a readable file",
          e);
    }
    return ScenarioText.decode(file.toString(), bytes);
  }

  private static NestbedException tooLarge(Path file, long size) {
    return new NestbedException(
        String.format(
            "scenario file %s is %.1f MiB; a scenario may be at most %d MiB",
            file, size / (1024.0 * 1024), MAX_BYTES >> 20),
        "is it the right file? a scenario is a YAML text");
  }

  /**
   * Validates YAML text as if read from {@code fileName}, which only appears in locations.
   *
   * @throws ScenarioInvalidException listing every problem
   */
  public static ScenarioSpec load(String fileName, String yamlText) {
    return load(fileName, yamlText, HostSizes.NONE);
  }

  /**
   * As {@link #load(String, String)}, asking {@code sizes} for the CPUs and memory of existing
   * hosts the scenario gives none.
   */
  public static ScenarioSpec load(String fileName, String yamlText, HostSizes sizes) {
    Problems problems = new Problems();
    Sources sources = new Sources();
    Optional<ScenarioSpec> spec =
        YamlTreeReader.read(fileName, yamlText, problems)
            .flatMap(root -> new ScenarioBinder(problems, sources).bind(root))
            .map(bound -> new HostSizeFill(bound, problems, sources).fill(sizes));
    if (spec.isPresent()) {
      ScenarioSpec bound = spec.get();
      check(problems, () -> new ReferenceCheck(bound, problems, sources).run());
      check(problems, () -> new SupportCheck(bound, problems, sources).run());
      check(problems, () -> new StepCheck(bound, problems, sources).run());
      check(problems, () -> new LifecycleCheck(bound, problems, sources).run());
      check(problems, () -> new ExpectCheck(bound, problems, sources).run());
      check(problems, () -> new CapacityCheck(bound, problems, sources).run());
    }
    if (!problems.isEmpty() || spec.isEmpty()) {
      throw new ScenarioInvalidException(problems.sorted());
    }
    return spec.get();
  }

  /**
   * Runs one pass. The passes skip what earlier problems left unknown, but should one still trip
   * over such a gap, the problems already found explain the file better than a stack trace; on a
   * file without problems, a failure is a bug and propagates.
   */
  private static void check(Problems problems, Runnable pass) {
    int before = problems.size();
    try {
      pass.run();
    } catch (RuntimeException e) {
      if (before == 0) {
        throw e;
      }
    }
  }
}
