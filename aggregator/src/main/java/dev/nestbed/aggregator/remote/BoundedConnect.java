package dev.nestbed.aggregator.remote;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.NodesNotReadyException;
import dev.nestbed.aggregator.pool.LibvirtUri;
import dev.nestbed.core.libvirt.LibvirtCallException;
import dev.nestbed.core.libvirt.LibvirtHost;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens a connection to an existing host within a bounded time. libvirt's open blocks in native
 * code (a TCP connect to an address that drops packets waits minutes for the kernel to give up), so
 * it runs on a thread of its own; past the limit the host is reported unreachable, and a connection
 * that still opens later is closed at once.
 */
final class BoundedConnect {
  /** How long a host may take to accept a connection and log nestbed in. */
  static final Duration LIMIT = Duration.ofSeconds(20);

  private BoundedConnect() {}

  static LibvirtHost open(NodeSpec spec, Duration limit) throws InterruptedException {
    return open(spec.name(), spec.existingHost().orElseThrow(), limit);
  }

  static LibvirtHost open(String name, String uri, Duration limit) throws InterruptedException {
    CompletableFuture<LibvirtHost> opening = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                opening.complete(LibvirtHost.connect(name, uri));
              } catch (RuntimeException e) {
                opening.completeExceptionally(e);
              }
            },
            "connect-" + name);
    thread.setDaemon(true);
    thread.start();
    try {
      return opening.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // a connection that opens after all is not wanted: close it when it comes
      var unused = opening.thenAccept(LibvirtHost::close);
      throw new NodesNotReadyException(
          "host " + name + " (" + uri + ") did not answer within " + limit.toSeconds() + " s",
          LibvirtUri.parse(uri).unreachableHint());
    } catch (ExecutionException e) {
      Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
      String why =
          cause instanceof LibvirtCallException call ? call.libvirtMessage() : cause.getMessage();
      throw new NodesNotReadyException(
          "host " + name + " (" + uri + ") cannot be reached: " + why,
          LibvirtUri.parse(uri).unreachableHint());
    }
  }
}
