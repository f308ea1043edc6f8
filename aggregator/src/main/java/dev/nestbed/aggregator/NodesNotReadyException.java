package dev.nestbed.aggregator;

import dev.nestbed.core.NestbedException;
import org.jspecify.annotations.Nullable;

/**
 * The nodes a scenario names cannot be used as they are (a host that does not answer, refuses the
 * key, has no libvirt, or has less than the scenario asks): found before anything starts, so the
 * run stops with nothing to tear down. The CLI exits 3 (the host is not ready).
 */
public final class NodesNotReadyException extends NestbedException {
  private static final long serialVersionUID = 1L;

  public NodesNotReadyException(String message, @Nullable String hint) {
    super(message, hint);
  }
}
