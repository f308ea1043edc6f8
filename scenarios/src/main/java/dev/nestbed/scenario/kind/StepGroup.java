package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The steps of one outermost parallel group, nested groups included, as a kind's race check sees
 * them: which nodes join or leave pools in it, and which partitions each step acts on. Which of two
 * racing steps happens first is up to timing, so a run with a race could not be reproduced.
 */
public interface StepGroup {
  /** Every step of the group but the groups themselves, in file order. */
  List<StepSpec> steps();

  /** The step of the group that adds or removes the node, if any. */
  Optional<StepSpec> changing(String node);

  /** A step of the group that adds a node to or removes one from the pool, if any. */
  Optional<StepSpec> changingIn(@Nullable String pool);

  /** The declared partitions the step changes (watching one does not change it). */
  List<PartitionDecl> actedOn(StepSpec step);
}
