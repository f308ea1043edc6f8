package dev.nestbed.aggregator.pool;

import dev.nestbed.core.value.DataSize;
import java.time.Duration;
import java.util.List;

/**
 * What an {@code add-node} or {@code remove-node} did, as seen from inside the pool.
 *
 * @param cpus CPUs of the node's cell that came online (add) or went away (remove)
 * @param cpusPlanned how many the node has
 * @param memory how much the cell's memory grew (add) or shrank (remove), per the pool's kernel
 * @param memoryPlanned how much of the node's memory can move at all: its DIMM for a spare, none
 *     for a member that booted with the pool (boot memory cannot be unplugged)
 * @param took from the request until the change was complete inside (or until the step gave up)
 * @param notes what could not be done, in words: memory the guest kernel kept, a CPU that stays
 */
public record NodeChange(
    String node,
    int cell,
    int cpus,
    int cpusPlanned,
    DataSize memory,
    DataSize memoryPlanned,
    Duration took,
    List<String> notes) {
  public NodeChange {
    notes = List.copyOf(notes);
  }
}
