package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.PoolExpect;
import java.util.List;

/** {@code {pool: big, cells: 2}}: a pool's shape at the end. */
final class PoolExpectKind extends ExpectKind<PoolExpect> {
  static final Key POOL = Key.required("pool", KeyType.POOL, "pool: big", "The pool.");
  static final Key CELLS =
      Key.required("cells", KeyType.WHOLE, "cells: 2", "Number of member nodes.");

  PoolExpectKind() {
    super(
        "pool",
        PoolExpect.class,
        "A pool's shape at the end.",
        List.of(POOL, CELLS),
        List.of(),
        List.of(
            new Row(
                "{pool: P, cells: N}",
                "the pool has N cells now, counted from"
                    + " inside (for a nested pool: member cells with CPUs online in the L1)")));
  }

  @Override
  public PoolExpect bind(ExpectArguments arguments) {
    String pool = arguments.name(POOL);
    arguments.about("expectation on pool " + pool);
    return new PoolExpect(pool, arguments.whole(CELLS), arguments.anchor());
  }

  /** Its pool is declared. */
  @Override
  void check(PoolExpect expect, ExpectWalk walk) {
    walk.pool(expect, expect.pool());
  }
}
