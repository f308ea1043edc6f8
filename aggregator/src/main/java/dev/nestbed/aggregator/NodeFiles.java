package dev.nestbed.aggregator;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How files reach a node whose machine is not this one (see {@link Node#files()}): guest images are
 * placed on it, and what its guests write there (console logs) is fetched back when the node is
 * released.
 */
public interface NodeFiles {
  /** Places a copy of the local file on the node (once per run) and returns its path there. */
  Path place(Path local);

  /** A directory on the node where its QEMU may write files nestbed fetches on release. */
  Path writableDirectory();

  /**
   * Where a file the node's guests write under {@link #writableDirectory()} can be read here while
   * the node runs; empty when it can be read only once fetched, on release.
   */
  default Optional<Path> readableHere(Path there) {
    return Optional.empty();
  }
}
