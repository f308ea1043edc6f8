package dev.nestbed.migration;

import dev.nestbed.core.libvirt.MigrationJobStats;

/** One sample of a running migration job, stamped with the host's {@link System#nanoTime()}. */
public record MigrationSample(long hostNanos, MigrationJobStats stats) {}
