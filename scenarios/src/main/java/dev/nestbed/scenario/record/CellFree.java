package dev.nestbed.scenario.record;

/**
 * What one cell of a pool had free at one point of the run: its CPUs and memory less the shares of
 * the partitions running on it then.
 *
 * @param afterStep the path of the step just finished (see {@link StepRecord#path()}), or empty for
 *     the state before the first step
 * @param memoryFreeMib negative when the partitions on the cell hold more than it offers
 */
public record CellFree(
    String afterStep,
    String pool,
    String cell,
    int cpusFree,
    int cpus,
    long memoryFreeMib,
    long memoryMib) {}
