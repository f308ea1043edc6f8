package dev.nestbed.aggregator.pool;

import dev.nestbed.core.value.DataSize;

/**
 * One NUMA cell of a pool: the member node it stands for and the CPUs and memory it offers to
 * partitions (the node's memory less the per-node reserve). For a machine adopted by URI, {@code
 * node} is the id its libvirt gives the NUMA cell ("0", "1", ...).
 */
public record Cell(String node, int cpus, DataSize memory) {}
