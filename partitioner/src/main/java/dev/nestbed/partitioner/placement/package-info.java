/**
 * Placement policy: where partitions go on the cells of a pool. Admission and placement of a
 * scenario's partitions ({@link dev.nestbed.partitioner.placement.CellPlacement}), the cell a
 * migrating partition lands on ({@link dev.nestbed.partitioner.placement.DestinationCell}), where
 * the partitions of a leaving node go ({@link dev.nestbed.partitioner.placement.Evacuation}) and
 * which moves even out a pool ({@link dev.nestbed.partitioner.placement.Rebalancing}).
 *
 * <p>Every decision is a pure function of a {@link dev.nestbed.partitioner.placement.CellSnapshot}
 * (a plain value: each cell's CPUs and memory, total and free, and the partitions on it), so the
 * same code decides for {@code nestbed plan}, for a real run (the snapshot taken from the run's
 * cell account) and for a simulated one, and is tested without libvirt. The one rule they share,
 * "the cell with the most free memory that has room", lives once, in {@link
 * dev.nestbed.partitioner.placement.CellLedger#mostFreeMemoryFitting}.
 *
 * <p>Why here: placing partitions on cells is the partitioner's job (it carves a pool into
 * partitions); the aggregator below it builds the cells but knows no partitions, and the modules
 * above (live-migration, scenarios) only act on what this package decides.
 */
package dev.nestbed.partitioner.placement;
