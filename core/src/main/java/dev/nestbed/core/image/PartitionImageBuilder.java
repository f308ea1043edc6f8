package dev.nestbed.core.image;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.io.FileTrees;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the partition guest image from its recipe ({@code images/partition/}) and caches it
 * under a directory named by the hash of everything that goes into it: the recipe's files and
 * the kernels it may pick. A changed recipe or kernel means a new hash and a rebuild; anything
 * else is a cache hit that costs one directory listing.
 */
public final class PartitionImageBuilder {
  private static final Logger log = LoggerFactory.getLogger(PartitionImageBuilder.class);
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
  static final String KERNEL = "vmlinuz";
  static final String INITRAMFS = "initramfs.cpio.gz";

  private final Path recipe;
  private final Path cacheRoot;
  private final Path kernelDir;
  private final ProcessRunner runner;

  public PartitionImageBuilder(Path nestbedHome, Path cacheRoot) {
    this(nestbedHome.resolve("images/partition"), cacheRoot, Path.of("/boot"), new ProcessRunner());
  }

  PartitionImageBuilder(Path recipe, Path cacheRoot, Path kernelDir, ProcessRunner runner) {
    this.recipe = recipe;
    this.cacheRoot = cacheRoot;
    this.kernelDir = kernelDir;
    this.runner = runner;
  }

  /** The cached image, built first if the cache has none for the current recipe. */
  public GuestImage ensureBuilt() {
    return build(false);
  }

  /** Builds the image; with {@code force}, even when the cache already has it. */
  public GuestImage build(boolean force) {
    String hash = recipeHash();
    Path target = cacheRoot.resolve("images").resolve("partition-" + hash);
    GuestImage image = new GuestImage(target.resolve(KERNEL), target.resolve(INITRAMFS), hash);
    if (!force && isComplete(image)) {
      log.debug("partition image {} is cached at {}", hash, target);
      return image;
    }
    try {
      Files.createDirectories(target.getParent());
      try (FileChannel lockFile = FileChannel.open(target.getParent().resolve(".lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (!force && isComplete(image)) {
          return image; // another process built it while we waited for the lock
        }
        buildInto(target, hash);
      }
    } catch (IOException e) {
      throw new NestbedException("cannot write the image cache at " + cacheRoot + ": " + e.getMessage(),
          "set NESTBED_CACHE to a writable directory", e);
    }
    return image;
  }

  private void buildInto(Path target, String hash) throws IOException {
    Path staging = target.resolveSibling(target.getFileName() + ".building");
    FileTrees.delete(staging);
    log.info("building partition image {} (recipe {})", hash, recipe);
    long began = System.nanoTime();
    runner.run(Command.of("bash", recipe.resolve("build.sh").toString(), staging.toString())
        .withTimeout(BUILD_TIMEOUT));
    FileTrees.delete(target);
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    log.info("partition image built in {} ms", (System.nanoTime() - began) / 1_000_000);
  }

  private static boolean isComplete(GuestImage image) {
    return Files.isRegularFile(image.kernel()) && Files.isRegularFile(image.initramfs());
  }

  /** SHA-256 (first 16 hex digits) of the recipe files and of the candidate kernels' identity. */
  public String recipeHash() {
    if (!Files.isRegularFile(recipe.resolve("build.sh"))) {
      throw new NestbedException("no partition image recipe at " + recipe.resolve("build.sh"),
          "run nestbed from its checkout, or set NESTBED_HOME to it");
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : filesUnder(recipe)) {
        digest.update(recipe.relativize(file).toString().getBytes());
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(file));
      }
      for (Path kernel : kernels()) {
        digest.update((kernel + ":" + Files.size(kernel) + ":" + Files.getLastModifiedTime(kernel)).getBytes());
      }
      digest.update(String.valueOf(System.getenv("NESTBED_GUEST_KERNEL")).getBytes());
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
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
