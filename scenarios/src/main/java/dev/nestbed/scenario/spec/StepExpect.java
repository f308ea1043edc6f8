package dev.nestbed.scenario.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code {step: migrate, partition: p1, guest-downtime: {max: 2s}}}: bounds on what was measured
 * while steps of one kind ran on one partition (every such step must satisfy them).
 *
 * @param step the step keyword, e.g. {@code migrate}
 * @param partition the partition the step acted on; null for steps without one (add-node)
 * @param metrics by name, in file order: {@code guest-downtime} (heartbeat gap seen inside the
 *     guest), {@code downtime} (as libvirt reports it), {@code total-time}, {@code seen-after}
 *     (until the guest saw resized vCPUs or memory)
 */
public record StepExpect(
    @Nullable String step,
    @Nullable String partition,
    Map<String, Bound> metrics,
    Location location)
    implements ExpectSpec {
  public StepExpect {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** E.g. {@code p1 guest-downtime of migrate <= 2s}, one clause per metric. */
  @Override
  public String describe() {
    return String.join(", ", metrics.keySet().stream().map(this::describe).toList());
  }

  /** One metric's clause, e.g. {@code p1 guest-downtime of migrate <= 2s}. */
  public String describe(String metric) {
    String subject = partition == null ? "" : partition + " ";
    return subject + metric + " of " + step + " " + metrics.get(metric);
  }
}
