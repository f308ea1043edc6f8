package dev.nestbed.core.run;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory of one run's state ({@code <work root>/<run id>}): node daemons under
 * {@code nodes/}, partitions under {@code partitions/}. Created when the run starts and removed,
 * with everything in it, when the run closes.
 */
public final class RunWorkspace implements AutoCloseable {
  private final RunId runId;
  private final Path directory;

  private RunWorkspace(RunId runId, Path directory) {
    this.runId = runId;
    this.directory = directory;
  }

  /** Creates the workspace of a new run under the work root. */
  public static RunWorkspace create(RunId runId) {
    Path directory = RunDirectories.of(runId);
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new NestbedException("cannot create the run directory " + directory + ": " + e.getMessage(),
          "set NESTBED_WORK to a writable directory with a short path", e);
    }
    return new RunWorkspace(runId, directory);
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

  /** Where partitions keep their console logs and agent sockets. */
  public Path partitions() {
    return directory.resolve("partitions");
  }

  @Override
  public void close() {
    FileTrees.delete(directory);
  }
}
