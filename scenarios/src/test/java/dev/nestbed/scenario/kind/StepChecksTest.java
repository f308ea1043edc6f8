package dev.nestbed.scenario.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.spec.AddNodeStep;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.MoveStep;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.RemoveNodeStep;
import dev.nestbed.scenario.spec.ResizeStep;
import dev.nestbed.scenario.spec.StepSpec;
import dev.nestbed.scenario.spec.WaitStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each kind checks its steps through the walk alone: a kind and its tests need no parser, only a
 * walk that answers from a fixed state and records what the kind reports and changes.
 */
class StepChecksTest {
  private static final Location AT = new Location("t.yaml", 7, 5);
  private final Walk walk = new Walk();

  @Test
  void aSpareJoinsItsPoolAndANodeThatIsNoSpareIsRefusedAtTheNode() {
    check(new AddNodeStep("big", "n3", Optional.empty(), AT));
    check(new AddNodeStep("big", "n2", Optional.empty(), AT));
    assertEquals(List.of("join big n3"), walk.changes);
    assertEquals(List.of("node: add-node step: node n2 is not a spare of pool big"), walk.problems);
  }

  @Test
  void thePoolsLastNodeDoesNotLeaveIt() {
    check(new RemoveNodeStep("big", "n1", false, Optional.empty(), AT));
    assertEquals(
        List.of("node: remove-node step: node n1 is the last node of pool big"), walk.problems);
    assertEquals(List.of(), walk.changes);
  }

  @Test
  void aMoveOntoTheCellOfANodeJoiningInTheSameGroupRacesIt() {
    AddNodeStep add = new AddNodeStep("big", "n3", Optional.empty(), new Location("t.yaml", 4, 9));
    MoveStep move = new MoveStep("p1", List.of("n1", "n3"), Optional.empty(), AT);
    StepGroup group =
        new StepGroup() {
          @Override
          public List<StepSpec> steps() {
            return List.of(add, move);
          }

          @Override
          public Optional<StepSpec> changing(String node) {
            return node.equals("n3") ? Optional.of(add) : Optional.empty();
          }

          @Override
          public Optional<StepSpec> changingIn(String pool) {
            return pool.equals("big") ? Optional.of(add) : Optional.empty();
          }

          @Override
          public List<PartitionDecl> actedOn(StepSpec step) {
            return List.of();
          }
        };
    StepKinds.of(move).racesOf(move, group, walk);
    assertEquals(
        List.of(
            "to-cells[1]: parallel step: move of p1 onto cell n3 races add-node of"
                + " that node (line 4)"),
        walk.problems);
  }

  @Test
  void waitingActsOnNothingAndAGroupActsOnWhatItsStepsActOn() {
    WaitStep wait = new WaitStep(List.of("p1"), null, Optional.empty(), AT);
    ResizeStep resize = new ResizeStep("p2", 2, null, Optional.empty(), AT);
    ParallelStep group = new ParallelStep(List.of(wait, resize), Optional.empty(), AT);
    assertEquals(List.of(), StepKinds.of(wait).actsOnOf(wait));
    assertEquals(List.of("p2"), StepKinds.of(group).actsOnOf(group));
  }

  private void check(StepSpec step) {
    StepKinds.of(step).checkOf(step, walk);
  }

  /** Pool big of n1 with spare n3 and node n2 free; a place is the name of its key. */
  private static final class Walk implements StepWalk, Pools {
    final List<String> problems = new ArrayList<>();
    final List<String> changes = new ArrayList<>();
    private final Map<String, List<String>> members =
        new LinkedHashMap<>(Map.of("big", new ArrayList<>(List.of("n1"))));

    @Override
    public Location at(StepSpec step, Key key) {
      return new Location(key.name(), 0, -1);
    }

    @Override
    public Location at(StepSpec step, Key key, int index) {
      return new Location(key.name(), 0, index);
    }

    @Override
    public void problem(Location at, String message, String hint) {
      problems.add(at.file() + (at.column() < 0 ? "" : "[" + at.column() + "]") + ": " + message);
    }

    @Override
    public Optional<PartitionDecl> partition(StepSpec step, String name, Location at) {
      return Optional.empty(); // none declared: the checks here need none
    }

    @Override
    public Optional<PoolSpec> pool(StepSpec step, String name, Location at) {
      return "big".equals(name)
          ? Optional.of(new PoolSpec("big", "nested", List.of("n1"), List.of("n3"), null, null, AT))
          : Optional.empty();
    }

    @Override
    public boolean node(StepSpec step, String name, Location at) {
      return List.of("n1", "n2", "n3").contains(name);
    }

    @Override
    public Pools pools() {
      return this;
    }

    @Override
    public List<String> members(String pool) {
      return members.getOrDefault(pool, List.of());
    }

    @Override
    public List<String> spares(String pool) {
      return pool.equals("big") && !members(pool).contains("n3") ? List.of("n3") : List.of();
    }

    @Override
    public Optional<String> poolOf(String partition) {
      return partition.equals("p1") ? Optional.of("big") : Optional.empty();
    }

    @Override
    public boolean cellsKnown(String pool) {
      return true;
    }

    @Override
    public String whyNotMember(String node, String pool) {
      return "";
    }

    @Override
    public void join(String pool, String node) {
      members.get(pool).add(node);
      changes.add("join " + pool + " " + node);
    }

    @Override
    public void leave(StepSpec step, Location at, String pool, String node, boolean evacuate) {
      changes.add("leave " + pool + " " + node);
    }

    @Override
    public void resize(StepSpec step, Location at, String partition, DataSize memory) {
      changes.add("resize " + partition + " " + memory);
    }

    @Override
    public void relocate(StepSpec step, Location at, String partition, String toPool) {
      changes.add("relocate " + partition + " " + toPool);
    }
  }
}
