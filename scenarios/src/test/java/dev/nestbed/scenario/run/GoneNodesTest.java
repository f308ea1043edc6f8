package dev.nestbed.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.StepRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class GoneNodesTest {
  private final Map<String, Node> nodes = new LinkedHashMap<>();

  @Test
  void aFailedStepNamesEveryNodeThatIsGoneAfterItsOwnMessage() {
    nodes.put("n1", node("n1", null));
    nodes.put("n2", node("n2", "its container nb-x-n2 exited with code 137"));
    StepRecord named = GoneNodes.named(step(Outcome.FAILED, "migration failed: EOF"), nodes);
    assertEquals(
        "migration failed: EOF\nnode n2 is gone: its container nb-x-n2 exited with code 137",
        named.message());
    assertEquals(Outcome.FAILED, named.outcome());
  }

  @Test
  void aStepThatPassedOrNodesThatRunAreLeftAsTheyAre() {
    nodes.put("n1", node("n1", null));
    StepRecord failed = step(Outcome.TIMED_OUT, "did not finish");
    assertSame(failed, GoneNodes.named(failed, nodes));
    nodes.put("n2", node("n2", "its container exited with code 1"));
    StepRecord passed = step(Outcome.PASSED, "");
    assertSame(passed, GoneNodes.named(passed, nodes));
  }

  private static StepRecord step(Outcome outcome, String message) {
    return new StepRecord(
        "3", "migrate", List.of("p1"), "migrate p1", 0, 10, outcome, message, Map.of(), List.of());
  }

  private static Node node(String name, @Nullable String whyGone) {
    NodeSpec spec = new NodeSpec(name, 1, DataSize.ofMiB(1024));
    return new Node() {
      @Override
      public NodeSpec spec() {
        return spec;
      }

      @Override
      public String libvirtUri() {
        return "test:///default";
      }

      @Override
      public String address() {
        return "127.0.0.1";
      }

      @Override
      public @Nullable Path logDirectory() {
        return null;
      }

      @Override
      public List<String> tcpConnectCommand(String host, int port) {
        return List.of();
      }

      @Override
      public Optional<String> whyGone() {
        return Optional.ofNullable(whyGone);
      }
    };
  }
}
