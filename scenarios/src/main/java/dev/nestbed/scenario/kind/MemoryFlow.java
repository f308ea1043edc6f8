package dev.nestbed.scenario.kind;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.spec.ResizeStep;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Memory flowing between partitions and cells as the steps run, as the plan follows it: each step
 * kind that grows, frees or moves memory says so through {@link StepKind#flowOf}, so the plan's
 * admission walks the steps without knowing their kinds. The plan implements it. A name is null
 * only where a problem left it unbound, which a valid scenario never has.
 */
public interface MemoryFlow {
  /** The step sets a partition's memory to {@code memory}. */
  void resize(ResizeStep step, DataSize memory);

  /** The partition moves to {@code toCells} of its pool. */
  void move(@Nullable String partition, List<String> toCells);

  /** The partition gives back what it holds and is no longer followed (stopped or migrated). */
  void release(@Nullable String partition);

  /**
   * A node leaves a pool: the partitions on its cell are no longer followed, as the run chooses
   * where they go; nothing is given back.
   */
  void leave(@Nullable String pool, @Nullable String node);

  /** The run chooses where every partition goes: none is followed any more, nothing given back. */
  void forgetAll();
}
