package dev.nestbed.core.run;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.io.FileTrees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The directory of one run's state ({@code <work root>/<run id>}): node daemons under {@code
 * nodes/}, partitions under {@code partitions/}. Created when the run starts and removed, with
 * everything in it, when the run closes.
 */
public final class RunWorkspace implements AutoCloseable {
  private static final String LOCK = ".lock";
  private final RunId runId;
  private final Path directory;
  private final FileChannel lockChannel;

  private RunWorkspace(RunId runId, Path directory, FileChannel lockChannel) {
    this.runId = runId;
    this.directory = directory;
    this.lockChannel = lockChannel;
  }

  /**
   * Creates the workspace of a new run under the work root, which is created or checked first
   * ({@link WorkRoot}). The run directory is 0700: it holds the nodes' configuration, sockets and
   * pid files.
   */
  public static RunWorkspace create(RunId runId) {
    return create(runId, RunDirectories.workRoot());
  }

  static RunWorkspace create(RunId runId, Path workRoot) {
    Path directory = WorkRoot.prepare(workRoot).resolve(runId.value());
    try {
      Files.createDirectories(directory);
      Files.setPosixFilePermissions(directory, WorkRoot.OWNER_ONLY);
      // Held until close: 'nestbed clean' leaves alone every run whose lock is taken.
      FileChannel lock =
          FileChannel.open(
              directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock.lock();
      Files.writeString(directory.resolve("owner"), ProcessHandle.current().pid() + "\n");
      return new RunWorkspace(runId, directory, lock);
    } catch (IOException e) {
      throw new NestbedException(
          "cannot create the run directory " + directory + ": " + e.getMessage(),
          "set NESTBED_WORK to a writable directory with a short path",
          e);
    }
  }

  /**
   * Whether a run directory belongs to a run that is still going (its lock is held, by this or
   * another process). A directory without a lock file is not active.
   */
  public static boolean isActive(Path runDirectory) {
    Path lockFile = runDirectory.resolve(LOCK);
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public RunId runId() {
    return runId;
  }

  public Path directory() {
    return directory;
  }

  /** Where node daemons keep their state. */
  public Path nodes() {
    return directory.resolve("nodes");
  }

  /** Where partitions keep their console logs. */
  public Path partitions() {
    return partitionsIn(directory);
  }

  /**
   * Where the partitions of the run whose directory is {@code runDirectory} keep their console
   * logs.
   */
  public static Path partitionsIn(Path runDirectory) {
    return runDirectory.resolve("partitions");
  }

  @Override
  public void close() {
    try {
      lockChannel.close();
    } catch (IOException e) {
      // the directory goes anyway
    }
    FileTrees.delete(directory);
  }
}
