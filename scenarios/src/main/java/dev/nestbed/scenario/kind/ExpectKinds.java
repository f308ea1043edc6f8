package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.ExpectSpec;
import dev.nestbed.scenario.spec.PartitionExpect;
import dev.nestbed.scenario.spec.PoolExpect;
import dev.nestbed.scenario.spec.StepExpect;
import java.util.List;

/** Every kind of expectation, in the order the language documents them. */
public final class ExpectKinds {
  public static final Key ALIVE = PartitionExpectKind.ALIVE;
  public static final Key MEMORY_INTACT = PartitionExpectKind.MEMORY_INTACT;
  public static final Key VCPUS_ONLINE = PartitionExpectKind.VCPUS_ONLINE;
  public static final Key ON_CELLS = PartitionExpectKind.ON_CELLS;
  public static final Key HEARTBEAT_GAP = PartitionExpectKind.HEARTBEAT_GAP;
  public static final Key CELLS = PoolExpectKind.CELLS;

  public static final ExpectKind<PartitionExpect> PARTITION = new PartitionExpectKind();
  public static final ExpectKind<StepExpect> STEP = new StepExpectKind();
  public static final ExpectKind<PoolExpect> POOL = new PoolExpectKind();

  /** All of them, in documented order. */
  public static final List<ExpectKind<?>> ALL = List.of(PARTITION, STEP, POOL);

  /**
   * The order in which their keywords decide a map's kind: a map with {@code step} is a step
   * expectation, else with {@code pool} a pool one, else with {@code partition} a partition one.
   * Hints for a key another kind takes are asked in this order too.
   */
  public static final List<ExpectKind<?>> DECIDING = List.of(STEP, POOL, PARTITION);

  private ExpectKinds() {}

  /** The kind of a bound expectation. */
  public static ExpectKind<?> of(ExpectSpec expect) {
    return ALL.stream()
        .filter(k -> k.type().isInstance(expect))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no kind for " + expect.getClass()));
  }
}
