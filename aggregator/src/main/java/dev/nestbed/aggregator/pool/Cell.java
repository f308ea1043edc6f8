package dev.nestbed.aggregator.pool;

import dev.nestbed.core.value.DataSize;

/**
 * One NUMA cell of a pool: the member node it stands for and the CPUs and memory it offers to
 * partitions (the node's memory less the per-node reserve).
 */
public record Cell(String node, int cpus, DataSize memory) {}
