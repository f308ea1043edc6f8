package dev.nestbed.migration;

import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.MigrationJobStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the source domain's migration job at a fixed rate into a time series, and hands every
 * running sample to a controller (which may switch to post-copy or abort). A failed sample (the
 * domain just left the source) ends nothing: the migration call itself says how it ended.
 */
final class MigrationJobSampler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MigrationJobSampler.class);

  private final LibvirtDomain source;
  private final Consumer<MigrationSample> controller;
  private final List<MigrationSample> samples = new ArrayList<>();
  private final ScheduledExecutorService timer;

  private MigrationJobSampler(
      LibvirtDomain source, Consumer<MigrationSample> controller, String partition) {
    this.source = source;
    this.controller = controller;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "migration-sampler-" + partition);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A sampler of {@code source}'s job that has not started: it holds no thread until {@link
   * #start}, and {@link #close} ends it whether it started or not.
   */
  static MigrationJobSampler of(
      LibvirtDomain source, String partition, Consumer<MigrationSample> controller) {
    return new MigrationJobSampler(source, controller, partition);
  }

  /** Starts sampling every {@code interval}. */
  void start(Duration interval) {
    // Ended by close(), which shuts the timer down; a failed sample is logged by sampleOnce itself.
    var unused =
        timer.scheduleAtFixedRate(this::sampleOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sampleOnce() {
    MigrationJobStats stats;
    try {
      stats = source.jobStats();
    } catch (RuntimeException e) {
      log.debug("sampling the job of {}: {}", source, e.getMessage());
      return;
    }
    MigrationSample sample = new MigrationSample(System.nanoTime(), stats);
    if (stats.phase() != MigrationJobStats.Phase.RUNNING) {
      return;
    }
    synchronized (samples) {
      samples.add(sample);
    }
    try {
      controller.accept(sample);
    } catch (RuntimeException e) {
      log.warn("controlling the migration of {}: {}", source, e.getMessage());
    }
  }

  /** The running samples so far, in time order. */
  List<MigrationSample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /** Stops sampling and waits for a sample in flight. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("a job sample of {} is still in flight after 5 s", source);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
