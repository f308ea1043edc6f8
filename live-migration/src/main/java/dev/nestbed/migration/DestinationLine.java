package dev.nestbed.migration;

import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.wait.Poll;
import dev.nestbed.partitioner.PartitionDomainXml;
import dev.nestbed.partitioner.agent.AgentChannel;
import dev.nestbed.partitioner.agent.HeartbeatLog;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the agent's line of the incoming domain at the destination as early as it can: while the
 * memory is still copied, QEMU already runs there (paused, waiting for it) and its pty exists.
 * Opened before the guest resumes there, the line loses no beat, and the host-side arrival gap
 * between the last beat from the source and the first from the destination is exactly what the
 * guest lived through. Beats go into the partition's own log, so it runs on across the switch.
 */
final class DestinationLine {
  private static final Logger log = LoggerFactory.getLogger(DestinationLine.class);
  private static final Duration TRY_EVERY = Duration.ofMillis(20);

  private final CompletableFuture<AgentChannel> opening;
  private volatile boolean abandoned;
  private volatile long openedNanos;

  private DestinationLine(
      String partition,
      String domainName,
      LibvirtHost destination,
      HeartbeatLog heartbeats,
      Duration deadline,
      Supplier<Optional<String>> giveUp) {
    opening =
        CompletableFuture.supplyAsync(
            () ->
                Poll.<AgentChannel>waitingFor(
                        "the agent line of " + partition + " at " + destination.name())
                    .atMost(deadline)
                    .every(TRY_EVERY)
                    .failingFastIf(() -> abandoned ? Optional.of("abandoned") : giveUp.get())
                    .until(
                        () ->
                            destination
                                .lookup(domainName)
                                .filter(LibvirtDomain::isActive)
                                .map(
                                    domain ->
                                        AgentChannel.open(
                                            partition,
                                            domain,
                                            PartitionDomainXml.AGENT_DEVICE,
                                            heartbeats))
                                .map(this::opened)),
            daemonExecutor("destination-line-" + partition));
  }

  /** Starts trying now; gives up at {@code deadline} or when {@code giveUp} says why. */
  static DestinationLine watch(
      String partition,
      String domainName,
      LibvirtHost destination,
      HeartbeatLog heartbeats,
      Duration deadline,
      Supplier<Optional<String>> giveUp) {
    return new DestinationLine(partition, domainName, destination, heartbeats, deadline, giveUp);
  }

  private AgentChannel opened(AgentChannel channel) {
    openedNanos = System.nanoTime();
    if (abandoned) {
      channel.close();
      throw new IllegalStateException("abandoned");
    }
    return channel;
  }

  /** When the line was opened (host clock), or 0 if it was not (yet). */
  long openedNanos() {
    return openedNanos;
  }

  /** The opened line, waiting up to {@code atMost}; the failure says why it could not be opened. */
  AgentChannel await(Duration atMost) throws InterruptedException {
    try {
      return opening.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the agent line at the destination did not open within " + atMost.toMillis() + " ms");
    }
  }

  /** Stops trying, and closes the line if it was opened (the migration failed). */
  void abandon() {
    abandoned = true;
    var unused = opening.thenAccept(AgentChannel::close); // the get below awaits the opening itself
    try {
      opening.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("the destination line ended without opening: {}", e.getMessage());
    }
  }

  private static java.util.concurrent.Executor daemonExecutor(String name) {
    return command -> {
      Thread t = new Thread(command, name);
      t.setDaemon(true);
      t.start();
    };
  }
}
