package dev.nestbed.scenario.record;

/**
 * One checked expectation.
 *
 * @param description the expectation as written, e.g. "p1 guest-downtime of migrate <= 2s"
 * @param expected what was required, e.g. "<= 2s"
 * @param measured what was measured, e.g. "412ms"; "not measured" when the step never ran
 */
public record ExpectationRecord(
    String description, String expected, String measured, Outcome outcome, String message) {}
