package dev.nestbed.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeardownTest {
  @Test
  void runsEveryActionLastFirstAndReportsTheFirstFailureWithTheRestSuppressed() {
    List<String> ran = new ArrayList<>();
    Teardown teardown = new Teardown();
    teardown.add("remove a", () -> ran.add("a"));
    teardown.add(
        "stop b",
        () -> {
          ran.add("b");
          throw new IllegalStateException("b is stuck");
        });
    teardown.add(
        "destroy c",
        () -> {
          ran.add("c");
          throw new IllegalStateException("c is gone");
        });

    RuntimeException e = assertThrows(RuntimeException.class, teardown::close);
    assertEquals(List.of("c", "b", "a"), ran);
    assertEquals("teardown could not destroy c: c is gone", e.getMessage());
    assertEquals(1, e.getSuppressed().length);
    assertTrue(e.getSuppressed()[0].getMessage().contains("b is stuck"));
    teardown.close(); // nothing left to run
    assertEquals(3, ran.size());
  }

  @Test
  void orTearDownUndoesWhatWasCreatedWhenTheActionFails() {
    List<String> ran = new ArrayList<>();
    Teardown teardown = new Teardown();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Teardown.orTearDown(
                    teardown,
                    () -> {
                      teardown.add("undefine", () -> ran.add("undefined"));
                      throw new IllegalStateException("start failed");
                    }));
    assertEquals("start failed", e.getMessage());
    assertEquals(List.of("undefined"), ran);
  }
}
