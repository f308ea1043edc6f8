package dev.nestbed.scenario.kind;

import java.util.Optional;

/**
 * The metrics a step expectation may bound ({@code {step: migrate, guest-downtime: {max: 2s}}}). A
 * kind can be held to one only when one of its {@link Measure}s feeds it, except total-time, which
 * every step has.
 */
public enum ExpectedMetric {
  GUEST_DOWNTIME("guest-downtime", "Heartbeat gap seen inside the guest."),
  DOWNTIME("downtime", "Downtime as libvirt reports it."),
  TOTAL_TIME("total-time", "From start to end of the step."),
  SEEN_AFTER("seen-after", "Until the guest saw resized vCPUs or memory.");

  private final String keyword;
  private final String description;

  ExpectedMetric(String keyword, String description) {
    this.keyword = keyword;
    this.description = description;
  }

  /** As written in an expectation. */
  public String keyword() {
    return keyword;
  }

  /** One line, for the schema. */
  public String description() {
    return description;
  }

  /** Whether every step has it, recorded or not (the step's own start and end). */
  public boolean onEveryStep() {
    return this == TOTAL_TIME;
  }

  /** The metric written so, if any. */
  public static Optional<ExpectedMetric> of(String keyword) {
    for (ExpectedMetric metric : values()) {
      if (metric.keyword.equals(keyword)) {
        return Optional.of(metric);
      }
    }
    return Optional.empty();
  }
}
