package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.Node;
import dev.nestbed.scenario.record.StepRecord;
import java.util.List;
import java.util.Map;

/** Names the nodes that are gone in the record of a step that failed. */
final class GoneNodes {
  private GoneNodes() {}

  /**
   * A step that did not pass, with the nodes that are gone named after its own message: a node's
   * end (its container exited, and what it wrote last) explains what the step could only see as a
   * lost connection.
   */
  static StepRecord named(StepRecord record, Map<String, Node> nodes) {
    if (record.outcome().passed()) {
      return record;
    }
    List<String> gone =
        nodes.values().stream()
            .flatMap(n -> n.whyGone().map(why -> "node " + n.name() + " is gone: " + why).stream())
            .toList();
    if (gone.isEmpty()) {
      return record;
    }
    return new StepRecord(
        record.path(),
        record.kind(),
        record.subjects(),
        record.summary(),
        record.startMs(),
        record.endMs(),
        record.outcome(),
        record.message() + "\n" + String.join("\n", gone),
        record.metrics(),
        record.children());
  }
}
