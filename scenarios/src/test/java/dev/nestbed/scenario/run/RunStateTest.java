package dev.nestbed.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.aggregator.pool.Pool;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunStateTest {
  /**
   * A CI run once lost a pool this way ("pool left is not running" right after both were built).
   */
  @Test
  void poolsAddedFromManyThreadsAtOnceAreAllThere() throws Exception {
    for (int round = 0; round < 50; round++) {
      RunState state = new RunState(null, null, null, null, null);
      int count = 16;
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(count);
      try {
        for (int i = 0; i < count; i++) {
          Pool pool = named("pool" + i);
          var unused =
              threads.submit(
                  () -> {
                    go.await();
                    state.addPool(pool);
                    return null;
                  });
        }
        go.countDown();
      } finally {
        threads.shutdown();
        threads.awaitTermination(10, TimeUnit.SECONDS);
      }
      assertEquals(count, state.pools().size(), "round " + round);
      List<String> names = IntStream.range(0, count).mapToObj(i -> "pool" + i).toList();
      names.forEach(state::pool);
    }
  }

  private static Pool named(String name) {
    return (Pool)
        Proxy.newProxyInstance(
            Pool.class.getClassLoader(),
            new Class<?>[] {Pool.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "name" -> name;
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  case "toString" -> name;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
