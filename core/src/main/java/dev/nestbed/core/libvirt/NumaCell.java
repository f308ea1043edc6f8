package dev.nestbed.core.libvirt;

import dev.nestbed.core.value.DataSize;
import java.util.List;
import java.util.Map;

/**
 * One NUMA cell of a host as its libvirt reports it: id, memory, CPU ids, and the distance to every
 * cell (by id).
 */
public record NumaCell(
    int id, DataSize memory, List<Integer> cpus, Map<Integer, Integer> distances) {
  public NumaCell {
    cpus = List.copyOf(cpus);
    distances = Map.copyOf(distances);
  }
}
