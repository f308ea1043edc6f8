package dev.nestbed.aggregator.pool;

import java.nio.file.Path;

/**
 * Where a pool whose partitions run inside it (L2 guests in a nested pool's L1) keeps their files,
 * as the pool sees them (see {@link Pool#guestsInside()}).
 *
 * @param images the guest image directory inside the pool
 * @param consoles where the guests' consoles are written inside the pool
 */
public record GuestsInside(Path images, Path consoles) {}
