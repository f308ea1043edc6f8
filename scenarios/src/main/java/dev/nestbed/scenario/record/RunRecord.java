package dev.nestbed.scenario.record;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything one {@code nestbed run} measured: the input of results.json, junit.xml and
 * report.html.
 *
 * @param scenario the scenario's name
 * @param scenarioFile the file as given on the command line
 * @param runId the run id every created object was tagged with
 * @param startedAt ISO-8601 wall-clock time of the start
 * @param accelerator e.g. "TCG (no /dev/kvm; guests are emulated)"
 * @param phases wall time by phase in ms, in order: "plan", "nodes", "boot", "steps", "teardown"
 * @param cellsFree what each pool cell had free before the first step and after each step that ran
 * @param logs file names under OUT/logs, relative to OUT
 * @param provenance what the run was made of and with; null when read from the results of a nestbed
 *     that did not record it yet
 * @param simulation for a simulated run ({@code provider: sim}), that it was one and the
 *     calibration of its models; null for a real run
 */
public record RunRecord(
    String scenario,
    String scenarioFile,
    String runId,
    String startedAt,
    String accelerator,
    long wallMs,
    Outcome outcome,
    String message,
    Map<String, Long> phases,
    Topology topology,
    List<StepRecord> steps,
    List<ExpectationRecord> expectations,
    List<TimeSeries> series,
    List<CellFree> cellsFree,
    List<String> logs,
    Provenance provenance,
    @Nullable Simulation simulation) {

  /** The record of a real run. */
  public RunRecord(
      String scenario,
      String scenarioFile,
      String runId,
      String startedAt,
      String accelerator,
      long wallMs,
      Outcome outcome,
      String message,
      Map<String, Long> phases,
      Topology topology,
      List<StepRecord> steps,
      List<ExpectationRecord> expectations,
      List<TimeSeries> series,
      List<CellFree> cellsFree,
      List<String> logs,
      Provenance provenance) {
    this(
        scenario,
        scenarioFile,
        runId,
        startedAt,
        accelerator,
        wallMs,
        outcome,
        message,
        phases,
        topology,
        steps,
        expectations,
        series,
        cellsFree,
        logs,
        provenance,
        null);
  }
}
