package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code wait: {heartbeat: [p1, p2], timeout: 5m}} waits until every listed partition has sent a
 * heartbeat; {@code wait: {for: 10s}} just lets time pass. With both, the heartbeats come first,
 * then the duration. At least one of the two is set.
 *
 * @param heartbeat partitions whose heartbeat to wait for; empty when not given
 * @param duration how long to wait ({@code for}); null when not given
 */
public record WaitStep(
    List<String> heartbeat,
    @Nullable TimeSpan duration,
    Optional<TimeSpan> timeout,
    Location location)
    implements StepSpec {
  public WaitStep {
    heartbeat = List.copyOf(heartbeat);
  }

  @Override
  public String kind() {
    return "wait";
  }

  @Override
  public List<String> subjects() {
    return heartbeat;
  }
}
