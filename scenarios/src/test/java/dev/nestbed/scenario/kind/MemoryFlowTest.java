package dev.nestbed.scenario.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.spec.AddNodeStep;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.MigrateStep;
import dev.nestbed.scenario.spec.MoveStep;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.RebalanceStep;
import dev.nestbed.scenario.spec.RemoveNodeStep;
import dev.nestbed.scenario.spec.ResizeStep;
import dev.nestbed.scenario.spec.StartStep;
import dev.nestbed.scenario.spec.StepSpec;
import dev.nestbed.scenario.spec.StopStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What each kind tells the plan's admission about memory, in the order its steps run. */
class MemoryFlowTest {
  private static final Location AT = new Location("t.yaml", 3, 5);

  /** Writes down every call, one line each. */
  private static final class Recorder implements MemoryFlow {
    final List<String> calls = new ArrayList<>();

    @Override
    public void resize(ResizeStep step, DataSize memory) {
      calls.add("resize " + step.partition() + " " + memory);
    }

    @Override
    public void move(@Nullable String partition, List<String> toCells) {
      calls.add("move " + partition + " " + toCells);
    }

    @Override
    public void release(@Nullable String partition) {
      calls.add("release " + partition);
    }

    @Override
    public void leave(@Nullable String pool, @Nullable String node) {
      calls.add("leave " + pool + " " + node);
    }

    @Override
    public void forgetAll() {
      calls.add("forget all");
    }
  }

  private static List<String> flow(StepSpec... steps) {
    Recorder recorder = new Recorder();
    for (StepSpec step : steps) {
      StepKinds.of(step).flowOf(step, recorder);
    }
    return recorder.calls;
  }

  @Test
  void stepsThatGrowFreeOrMoveMemorySaySoAndOthersSayNothing() {
    assertEquals(
        List.of(
            "resize p1 384MiB",
            "move p1 [n2]",
            "release p1",
            "release p2",
            "release p3",
            "leave big n1",
            "forget all"),
        flow(
            new StartStep(List.of("p1"), Optional.empty(), AT),
            new ResizeStep("p1", 2, DataSize.ofMiB(384), Optional.empty(), AT),
            new ResizeStep("p1", 2, null, Optional.empty(), AT),
            new MoveStep("p1", List.of("n2"), Optional.empty(), AT),
            new StopStep(List.of("p1", "p2"), Optional.empty(), AT),
            new MigrateStep(
                "p3", "other", null, null, null, null, null, null, Optional.empty(), AT),
            new AddNodeStep("big", "n3", Optional.empty(), AT),
            new RemoveNodeStep("big", "n1", false, Optional.empty(), AT),
            new RebalanceStep("big", Optional.empty(), AT)));
  }

  @Test
  void aParallelGroupFlowsItsStepsInFileOrderNestedGroupsToo() {
    StepSpec inner =
        new ParallelStep(
            List.of(new StopStep(List.of("p2"), Optional.empty(), AT)), Optional.empty(), AT);
    assertEquals(
        List.of("move p1 [n2]", "release p2"),
        flow(
            new ParallelStep(
                List.of(new MoveStep("p1", List.of("n2"), Optional.empty(), AT), inner),
                Optional.empty(),
                AT)));
  }
}
