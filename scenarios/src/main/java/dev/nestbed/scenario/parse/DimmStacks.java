package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataSize;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The DIMMs each {@code memory-device: dimm} partition has plugged at this point of the steps: one
 * per growth past its boot size, and a shrink unplugs whole DIMMs, the last plugged first, as the
 * run does. So a shrink that would have to split a DIMM is found before anything starts.
 */
final class DimmStacks {
  private final Map<String, Deque<DataSize>> plugged = new HashMap<>();

  /**
   * Records {@code from} -> {@code to} plugged past the boot size; returns why it cannot be done
   * with whole DIMMs, or null (then it is recorded).
   */
  @Nullable String resize(String partition, DataSize from, DataSize to) {
    Deque<DataSize> dimms = plugged.computeIfAbsent(partition, p -> new ArrayDeque<>());
    if (to.isGreaterThan(from)) {
      dimms.push(to.minus(from));
      return null;
    }
    DataSize left = from;
    List<DataSize> leaving = new ArrayList<>();
    for (DataSize dimm : dimms) {
      if (!left.isGreaterThan(to)) {
        break;
      }
      left = left.minus(dimm);
      leaving.add(dimm);
    }
    if (!left.equals(to)) {
      return "its DIMMs (last plugged first: "
          + String.join(", ", dimms.stream().map(DataSize::toString).toList())
          + ") cannot leave exactly "
          + to
          + " plugged past its boot size";
    }
    leaving.forEach(d -> dimms.pop());
    return null;
  }
}
