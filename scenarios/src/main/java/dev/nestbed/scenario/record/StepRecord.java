package dev.nestbed.scenario.record;

import java.util.List;
import java.util.Map;

/**
 * One executed step. Times are milliseconds since the run started, so a timeline needs no clock.
 *
 * @param path position in the scenario: "3" for the 4th top-level step (0-based), "5.1" for the
 *     second step inside the parallel group at index 5
 * @param kind the step keyword: start, wait, resize, move, migrate, add-node, remove-node, parallel
 * @param subjects the partitions, pools or nodes the step acts on
 * @param summary one line for people, e.g. "resize p1 to 2 vCPUs, 384MiB"
 * @param metrics measured values, keyed like "p1.first-heartbeat" or "seen-after.vcpus"
 * @param children the steps of a parallel group; empty otherwise
 */
public record StepRecord(
    String path,
    String kind,
    List<String> subjects,
    String summary,
    long startMs,
    long endMs,
    Outcome outcome,
    String message,
    Map<String, Metric> metrics,
    List<StepRecord> children) {}
