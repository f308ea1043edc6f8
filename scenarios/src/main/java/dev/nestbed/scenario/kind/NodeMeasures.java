package dev.nestbed.scenario.kind;

import java.util.List;

/** The figures of a change of pool membership, and of the moves a step plans and makes. */
final class NodeMeasures {
  /** What add-node and remove-node record about the node that came or went. */
  static final List<Measure> CHANGE =
      List.of(
          Measures.SEEN_AFTER_NODE,
          Measures.CPUS,
          Measures.CPUS_PLANNED,
          Measures.MEMORY,
          Measures.MEMORY_PLANNED);

  /** What an evacuation or a rebalance records about the moves it made. */
  static final List<Measure> PLANNED_MOVES =
      List.of(
          Measures.MOVED_TOTAL,
          Measures.MOVED_MEMORY,
          Measures.MOVED_GUEST_DOWNTIME,
          Measures.GUEST_DOWNTIME_GAP);

  private NodeMeasures() {}
}
