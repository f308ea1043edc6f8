package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.NodeChange;
import dev.nestbed.aggregator.pool.NodeMembership;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.record.Metric;
import java.time.Duration;
import java.util.Map;

/**
 * {@code add-node}: a spare joins its pool live. Its CPUs and memory are hot-plugged into the
 * node's cell; the step ends when the pool's own kernel has them online, and records how long that
 * took ({@code seen-after.node}).
 */
final class AddNodeAction implements StepAction {
  private final String pool;
  private final String node;
  private final Duration deadline;

  AddNodeAction(String pool, String node, Duration deadline) {
    this.pool = pool;
    this.node = node;
    this.deadline = deadline;
  }

  @Override
  public Map<String, Metric> run(RunState state) {
    NodeMembership membership =
        NodeSteps.membership(state.pool(pool), StepKinds.ADD_NODE.keyword());
    state.progress.detail("node " + node + " joins pool " + pool);
    // the deadline is the step's; leave a little of it to say what was seen inside when it runs out
    NodeChange change = membership.addNode(node, deadline.multipliedBy(4).dividedBy(5));
    state.progress.detail(
        String.format(
            "node %s usable in pool %s after %.1f s",
            node, pool, change.took().toMillis() / 1000.0));
    return NodeSteps.metrics(change);
  }
}
