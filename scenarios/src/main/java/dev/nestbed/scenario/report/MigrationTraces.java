package dev.nestbed.scenario.report;

import dev.nestbed.scenario.record.MigrationSeries;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.record.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The series of each migration of a run, gathered for its plot. A series belongs to the migrate
 * step of its partition during which its first point was taken (a series without points, to the
 * first such step still without one of that name); a series of no migrate step (a record written
 * without steps) goes to its partition's latest migration still without one of that name.
 */
final class MigrationTraces {
  /**
   * One migration.
   *
   * @param row its step, or null when no step of the record matches
   * @param series by name ({@link MigrationSeries})
   */
  record Trace(String subject, StepRows.@Nullable Row row, Map<String, TimeSeries> series) {
    Optional<TimeSeries> get(String name) {
      return Optional.ofNullable(series.get(name));
    }

    /** "03 migrate p1 to pool other (precopy)", or "migration of p1" without a step. */
    String title() {
      return row != null ? row.title() : "migration of " + subject;
    }
  }

  private MigrationTraces() {}

  static List<Trace> of(List<TimeSeries> series, List<StepRows.Row> rows) {
    List<Trace> traces = new ArrayList<>();
    for (StepRows.Row row : rows) {
      StepRecord step = row.step();
      List<String> subjects = Objects.requireNonNullElse(step.subjects(), List.of());
      if ("migrate".equals(step.kind()) && !subjects.isEmpty()) {
        traces.add(new Trace(subjects.get(0), row, new LinkedHashMap<>()));
      }
    }
    List<Trace> loose = new ArrayList<>();
    for (TimeSeries s : Objects.requireNonNullElse(series, List.<TimeSeries>of())) {
      if (!MigrationSeries.isMigration(s.name())) {
        continue;
      }
      String subject = Objects.requireNonNullElse(s.subject(), "?");
      Trace trace =
          byStep(traces, s, subject)
              .orElseGet(
                  () ->
                      latestWithout(loose, s.name(), subject)
                          .orElseGet(
                              () -> {
                                Trace t = new Trace(subject, null, new LinkedHashMap<>());
                                loose.add(t);
                                return t;
                              }));
      trace.series().put(s.name(), s);
    }
    List<Trace> all = new ArrayList<>(traces.stream().filter(t -> !t.series().isEmpty()).toList());
    all.addAll(loose);
    return all;
  }

  /** Whether the time lies within the step of the row; a trace of no step has none. */
  private static boolean during(long atMs, StepRows.@Nullable Row row) {
    return row != null
        && atMs >= row.step().startMs()
        && atMs <= Math.max(row.step().startMs(), row.step().endMs());
  }

  private static Optional<Trace> byStep(List<Trace> traces, TimeSeries s, String subject) {
    List<TimeSeries.Point> points = Objects.requireNonNullElse(s.points(), List.of());
    return traces.stream()
        .filter(t -> t.subject().equals(subject) && !t.series().containsKey(s.name()))
        .filter(t -> points.isEmpty() || during(points.get(0).atMs(), t.row()))
        .findFirst();
  }

  private static Optional<Trace> latestWithout(List<Trace> loose, String name, String subject) {
    for (int i = loose.size() - 1; i >= 0; i--) {
      Trace t = loose.get(i);
      if (t.subject().equals(subject)) {
        return t.series().containsKey(name) ? Optional.empty() : Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
