package dev.nestbed.core.image;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.io.FileTrees;
import dev.nestbed.core.io.LastLines;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessFailedException;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an image from its recipe ({@code images/<name>/build.sh OUTDIR}) and caches it under a
 * directory named by the hash of everything that goes into it: the recipe's files and the kernels
 * it may pick. A changed recipe or kernel means a new hash and a rebuild; anything else is a cache
 * hit that costs one directory listing.
 *
 * <p>An image is built once per cache, however many ask for it at once: threads of one run (two
 * nested pools want the hypervisor image together) and separate nestbed processes alike wait for
 * the one build and then take its result.
 */
public final class RecipeImageBuilder {
  private static final Logger log = LoggerFactory.getLogger(RecipeImageBuilder.class);

  /** The directory beside the recipes with the scripts they share. */
  private static final String COMMON = "common";

  /**
   * Runs a recipe ({@code $0}, its arguments after) so that the command that fails names its own
   * file and line: bash's ERR trap, inherited by functions and by the files a recipe sources. Only
   * the recipe's own shell reports: inside {@code $(...)} a failure may be one the recipe tolerates
   * (no {@code set -e} there), and one it does not fails the line that started the subshell too.
   */
  private static final String TRACED =
      "set -o errtrace; trap '__nestbed_status=$?; [ \"$BASH_SUBSHELL\" = 0 ] && echo \"%s line"
          + " $LINENO of ${BASH_SOURCE[0]:-$0} (status $__nestbed_status): $BASH_COMMAND\" >&2'"
          + " ERR; source \"$0\" \"$@\"";

  private static final String FAILED_AT = "nestbed-recipe: failed at";

  /** One lock per lock file, for the threads of this process (see {@link #build}). */
  private static final ConcurrentMap<Path, ReentrantLock> BUILDERS_IN_THIS_PROCESS =
      new ConcurrentHashMap<>();

  private final String name;
  private final List<String> outputs;
  private final Duration timeout;
  private final Path recipe;
  private final Path cacheRoot;
  private final Path kernelDir;
  private final ProcessRunner runner;

  /**
   * @param name the recipe's directory under {@code images/}, e.g. {@code partition}
   * @param outputs the files {@code build.sh OUTDIR} must leave in OUTDIR
   * @param timeout how long a cold build may take
   */
  public RecipeImageBuilder(
      String name, List<String> outputs, Duration timeout, Path nestbedHome, Path cacheRoot) {
    this(
        name,
        outputs,
        timeout,
        nestbedHome.resolve("images").resolve(name),
        cacheRoot,
        Path.of("/boot"),
        new ProcessRunner());
  }

  RecipeImageBuilder(
      String name,
      List<String> outputs,
      Duration timeout,
      Path recipe,
      Path cacheRoot,
      Path kernelDir,
      ProcessRunner runner) {
    this.name = name;
    this.outputs = List.copyOf(outputs);
    this.timeout = timeout;
    this.recipe = recipe;
    this.cacheRoot = cacheRoot;
    this.kernelDir = kernelDir;
    this.runner = runner;
  }

  /** The cached image's directory, built first if the cache has none for the current recipe. */
  public Path ensureBuilt() {
    return build(false);
  }

  /** Builds the image and returns its directory; with {@code force}, even when it is cached. */
  public Path build(boolean force) {
    String hash = recipeHash();
    Path target = directoryFor(hash);
    if (!force && isComplete(target)) {
      log.debug("{} image {} is cached at {}", name, hash, target);
      return target;
    }
    try {
      Files.createDirectories(target.getParent());
      Path lockPath =
          target.resolveSibling(target.getFileName() + ".lock").toAbsolutePath().normalize();
      // A file lock is held by the whole JVM: a second lock() from another thread of this process
      // throws OverlappingFileLockException instead of waiting. So threads of one process queue on
      // a lock per lock file first, and only the one inside takes the lock other processes see.
      // The wait may last a whole build (minutes): it must give way to an interrupt (Ctrl-C).
      ReentrantLock inThisProcess =
          BUILDERS_IN_THIS_PROCESS.computeIfAbsent(lockPath, p -> new ReentrantLock());
      inThisProcess.lockInterruptibly();
      try (FileChannel lockFile =
          FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = lockFile.lock(); // released when the channel closes
        if (!force && isComplete(target)) {
          log.debug("{} image {} was built while this build waited for it", name, hash);
          return target;
        }
        buildInto(target, hash);
        lock.release();
      } finally {
        inThisProcess.unlock();
      }
    } catch (InterruptedException | FileLockInterruptionException e) {
      // FileLockInterruptionException: interrupted while another process built; it set the flag
      // again
      Thread.currentThread().interrupt();
      throw new NestbedException(
          "interrupted while waiting for another build of the "
              + name
              + " image "
              + hash
              + " to finish",
          "nothing was built or changed by this wait; ask again to use the image once it is built",
          e);
    } catch (IOException e) {
      throw new NestbedException(
          "cannot write the image cache at " + cacheRoot + ": " + e.getMessage(),
          "set NESTBED_CACHE to a writable directory",
          e);
    }
    return target;
  }

  /** The recipe hash of a directory this builder returned: its name is {@code <name>-<hash>}. */
  public String hashOf(Path imageDirectory) {
    return imageDirectory.getFileName().toString().substring(name.length() + 1);
  }

  /** Where the image of a given recipe hash lives in the cache. */
  public Path directoryFor(String hash) {
    return cacheRoot.resolve("images").resolve(name + "-" + hash);
  }

  private void buildInto(Path target, String hash) throws IOException {
    Path staging = target.resolveSibling(target.getFileName() + ".building");
    FileTrees.delete(staging);
    log.info("building {} image {} (recipe {})", name, hash, recipe);
    long began = System.nanoTime();
    try {
      try {
        runner.run(
            Command.of(
                    "bash",
                    "-c",
                    TRACED.formatted(FAILED_AT),
                    recipe.resolve("build.sh").toString(),
                    staging.toString())
                .withTimeout(timeout));
      } catch (ProcessFailedException e) {
        throw failure(e);
      }
      for (String output : outputs) {
        if (!Files.isRegularFile(staging.resolve(output))) {
          throw new NestbedException(
              "the " + name + " image recipe did not produce " + output,
              "run images/" + name + "/build.sh by hand to see why");
        }
      }
    } catch (RuntimeException e) {
      FileTrees.delete(staging); // a half-built image must never be mistaken for a cached one
      throw e;
    }
    FileTrees.delete(target);
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    log.info("{} image built in {} ms", name, (System.nanoTime() - began) / 1_000_000);
  }

  /**
   * The recipe's failure, named by the recipe rather than by the shell wrapped around it: the line
   * that failed when its ERR trap said which (the last such line with the status the recipe exited
   * with: {@code set -e} ends the recipe right after the trap), else the exit status, with the last
   * lines it wrote before. A recipe killed at its timeout keeps the runner's message.
   */
  private RuntimeException failure(ProcessFailedException e) {
    ProcessResult result = e.result();
    if (result == null || e.timedOut()) {
      return e; // its own message says it was killed at its timeout, and what to try
    }
    String status = "(status " + result.exitCode() + ")";
    String what =
        result
            .stderr()
            .lines()
            .filter(line -> line.startsWith(FAILED_AT) && line.contains(status))
            .reduce((first, second) -> second)
            .map(line -> " failed at" + line.substring(FAILED_AT.length()))
            .orElse(" exited with status " + result.exitCode());
    return new NestbedException(
        "the " + name + " image recipe " + recipe.resolve("build.sh") + what + beforeIt(result),
        "run 'bash " + recipe.resolve("build.sh") + " /tmp/out' as root to see its whole output",
        e);
  }

  /**
   * The last lines the recipe wrote to its error output before the failure, or else to its standard
   * output, as a message suffix.
   */
  private static String beforeIt(ProcessResult result) {
    List<String> lines =
        result.stderr().lines().takeWhile(line -> !line.startsWith(FAILED_AT)).toList();
    if (lines.isEmpty()) {
      lines = result.stdout().lines().toList();
    }
    List<String> last = LastLines.of(lines, 8);
    return last.isEmpty() ? "" : "; its output before:\n  " + String.join("\n  ", last);
  }

  private boolean isComplete(Path dir) {
    return outputs.stream().allMatch(output -> Files.isRegularFile(dir.resolve(output)));
  }

  /**
   * SHA-256 (first 16 hex digits) of the recipe files, the shared {@code images/common/} files and
   * the candidate kernels' identity. Documentation ({@code *.md}) is not an input of the build, so
   * editing it costs no rebuild.
   */
  public String recipeHash() {
    if (!Files.isRegularFile(recipe.resolve("build.sh"))) {
      throw new NestbedException(
          "no " + name + " image recipe at " + recipe.resolve("build.sh"),
          "run nestbed from its checkout, or set NESTBED_HOME to it");
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : filesUnder(recipe)) {
        digest.update(recipe.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(file));
      }
      // images/common/ holds what several recipes source: a change there is a change of each
      Path common = recipe.resolveSibling(COMMON);
      if (Files.isDirectory(common)) {
        for (Path file : filesUnder(common)) {
          digest.update((COMMON + "/" + common.relativize(file)).getBytes(StandardCharsets.UTF_8));
          digest.update((byte) 0);
          digest.update(Files.readAllBytes(file));
        }
      }
      for (Path kernel : kernels()) {
        digest.update(
            (kernel + ":" + Files.size(kernel) + ":" + Files.getLastModifiedTime(kernel))
                .getBytes(StandardCharsets.UTF_8));
      }
      digest.update(
          String.valueOf(System.getenv("NESTBED_GUEST_KERNEL")).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Path> kernels() throws IOException {
    if (!Files.isDirectory(kernelDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(kernelDir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("vmlinuz-")).sorted().toList();
    }
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().endsWith(".md"))
          .sorted()
          .toList();
    }
  }
}
