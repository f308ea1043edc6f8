package dev.nestbed.migration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of a migration on which the switches to post-copy asked for by libvirt's pass
 * events are made. libvirt's event thread only hands a switch over and returns: every event of
 * every connection of the JVM waits while it runs, and a switch is a libvirt call that may first
 * wait for an abort in progress.
 *
 * <p>Closing it drops the switches not yet made (the migration call has ended, so they would act on
 * nothing, or on a later job of the same domain) and waits for one being made.
 */
final class PostcopySwitcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostcopySwitcher.class);

  /** How long closing waits for a switch that libvirt is making. */
  private static final Duration FINISH_WITHIN = Duration.ofSeconds(5);

  private final String partition;
  private final ExecutorService thread;

  PostcopySwitcher(String partition) {
    this.partition = partition;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "postcopy-switch-" + partition);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Makes {@code change} on this thread, later; false when closed already (an event heard late).
   */
  boolean submit(Runnable change) {
    try {
      thread.execute(change);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  @Override
  public void close() {
    List<Runnable> dropped = thread.shutdownNow();
    if (!dropped.isEmpty()) {
      log.debug(
          "{}: {} switch(es) to post-copy dropped: the migration call has ended",
          partition,
          dropped.size());
    }
    try {
      if (!thread.awaitTermination(FINISH_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{}: a switch to post-copy is still in flight after {} s",
            partition,
            FINISH_WITHIN.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
