package dev.nestbed.aggregator;

import dev.nestbed.core.NestbedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Nodes a provider starts side by side: every start is awaited, also after one failed, so that
 * teardown finds each node either up or given up on, never still starting.
 */
public final class NodeStarts {
  private NodeStarts() {}

  /**
   * The started nodes in the order given, once all are done.
   *
   * @throws NestbedException the first start's failure, the others' suppressed in it
   */
  public static <T extends Node> List<Node> awaitAll(List<CompletableFuture<T>> starting) {
    List<Node> started = new ArrayList<>();
    NestbedException failure = null;
    for (CompletableFuture<T> future : starting) {
      try {
        started.add(future.join());
      } catch (CompletionException e) {
        NestbedException cause = NestbedException.of(Objects.requireNonNullElse(e.getCause(), e));
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return started;
  }
}
