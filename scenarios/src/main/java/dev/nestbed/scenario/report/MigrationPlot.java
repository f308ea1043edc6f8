package dev.nestbed.scenario.report;

import static dev.nestbed.scenario.report.Markup.escape;

import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.MigrationSeries;
import dev.nestbed.scenario.record.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration drawn as two charts on a shared time axis: the memory still to copy, measured and
 * as the pre-copy model predicts it, and below it the throughput of the memory stream; both with
 * the pass boundaries libvirt reported and the guest's downtime shaded.
 */
final class MigrationPlot {
  private static final String MEASURED = ReportStyle.seriesColour(0);
  private static final String MODEL = ReportStyle.seriesColour(1);
  private static final String THROUGHPUT = ReportStyle.seriesColour(3);
  private static final String DOWNTIME = "#cf222e";
  private static final String PASS = "#6e7781";
  private static final double LEFT = 96;

  /** The shaded pause: where it was, and how the record knows it. */
  private record Pause(double from, double to, String legend, String hover) {}

  private MigrationPlot() {}

  static String render(MigrationTraces.Trace trace) {
    StringBuilder out =
        new StringBuilder("<div class=\"chart\">\n<h3>")
            .append(escape(trace.title()))
            .append("</h3>\n<p class=\"muted\">")
            .append(escape(explanation(trace)))
            .append("</p>\n");
    double[] range = xRange(trace);
    double joinsUpTo = 1.5 * medianStep(trace.get(MigrationSeries.REMAINING));
    Optional<Pause> pause = pause(trace);
    List<double[]> passes = passStarts(trace);

    SvgLineChart remaining = chart(trace, "memory still to copy (MiB)", 300, range);
    remaining.line(
        "measured: memory libvirt reported still to copy",
        xs(trace, MigrationSeries.REMAINING),
        ys(trace, MigrationSeries.REMAINING),
        new SvgLineChart.Style(MEASURED, false, joinsUpTo));
    trace
        .get(MigrationSeries.MODEL_REMAINING)
        .ifPresent(
            model ->
                remaining.line(
                    "model: V(i) at the start of each pass it predicts",
                    xs(trace, MigrationSeries.MODEL_REMAINING),
                    ys(trace, MigrationSeries.MODEL_REMAINING),
                    new SvgLineChart.Style(MODEL, true, Double.POSITIVE_INFINITY)));
    out.append(decorate(remaining, pause, passes, true).render());

    if (trace.get(MigrationSeries.THROUGHPUT).isPresent()) {
      SvgLineChart throughput = chart(trace, "throughput (MiB/s)", 200, range);
      throughput.line(
          "measured: throughput libvirt reported",
          xs(trace, MigrationSeries.THROUGHPUT),
          ys(trace, MigrationSeries.THROUGHPUT),
          new SvgLineChart.Style(THROUGHPUT, false, joinsUpTo));
      metric(trace, "bandwidth")
          .ifPresent(
              b ->
                  throughput.line(
                      "model: bandwidth B it was fed, " + HumanFormat.metric(b),
                      new double[] {range[0], range[1]},
                      new double[] {b.value(), b.value()},
                      new SvgLineChart.Style(MODEL, true, Double.POSITIVE_INFINITY)));
      out.append(decorate(throughput, pause, passes, false).render());
    }
    return out.append("</div>\n").toString();
  }

  private static SvgLineChart chart(
      MigrationTraces.Trace trace, String yLabel, double height, double[] range) {
    return new SvgLineChart(trace.title() + ": " + yLabel, "time since the run started (s)", yLabel)
        .colours(DOWNTIME, PASS)
        .height(height)
        .minLeft(LEFT)
        .xRange(range[0], range[1]);
  }

  /** The pause and the pass boundaries, named in the legend of the first chart only. */
  private static SvgLineChart decorate(
      SvgLineChart chart, Optional<Pause> pause, List<double[]> passes, boolean withLegend) {
    pause.ifPresent(
        p ->
            chart.highlight(
                p.from(), p.to(), "downtime", p.hover(), withLegend ? p.legend() : null));
    for (double[] pass : passes) {
      String label = "pass " + (long) pass[1];
      chart.mark(
          pass[0],
          label,
          "libvirt reported " + label + " first at " + HumanFormat.number(pass[0], 2) + " s",
          withLegend ? "pass boundary: libvirt's pass number changed" : null);
    }
    return chart;
  }

  /** What the charts show and the step's figures, measured next to the model's. */
  private static String explanation(MigrationTraces.Trace trace) {
    StringBuilder text =
        new StringBuilder(
            "Memory still to copy at each sample of the job, as libvirt reported"
                + " it (a sample without the figure leaves a gap), and the pre-copy model's passes from the same inputs,"
                + " its first beginning when the migration call was made.");
    List<String> measured = new ArrayList<>();
    List<String> model = new ArrayList<>();
    metric(trace, "iterations").ifPresent(m -> measured.add(passes(m)));
    metric(trace, "total-time")
        .ifPresent(m -> measured.add(HumanFormat.duration((long) m.value())));
    metric(trace, "downtime")
        .ifPresent(m -> measured.add("downtime " + HumanFormat.metric(m) + " (libvirt)"));
    metric(trace, "guest-downtime")
        .ifPresent(m -> measured.add("guest gap " + HumanFormat.metric(m)));
    metric(trace, "model.rounds").ifPresent(m -> model.add(passes(m)));
    metric(trace, "model.total-time")
        .ifPresent(m -> model.add(HumanFormat.duration((long) m.value())));
    metric(trace, "model.downtime").ifPresent(m -> model.add("downtime " + HumanFormat.metric(m)));
    metric(trace, "model.converges").ifPresent(m -> model.add("does not converge"));
    if (!measured.isEmpty()) {
      text.append(" Measured: ").append(String.join(", ", measured)).append('.');
    }
    if (!model.isEmpty()) {
      text.append(" Model: ").append(String.join(", ", model)).append('.');
    }
    return text.toString();
  }

  private static String passes(Metric count) {
    long n = Math.round(count.value());
    return n + (n == 1 ? " pass" : " passes");
  }

  /**
   * The guest's heartbeat gap when it was recorded (both ends measured on the host's clock), else
   * libvirt's downtime placed at the end of its job (its length measured, its place inferred).
   */
  private static Optional<Pause> pause(MigrationTraces.Trace trace) {
    Optional<double[]> guest = window(trace, MigrationSeries.DOWNTIME_GUEST);
    Optional<double[]> libvirt = window(trace, MigrationSeries.DOWNTIME_LIBVIRT);
    String alsoLibvirt = libvirt.map(l -> "; libvirt reported a downtime of " + ms(l)).orElse("");
    if (guest.isPresent()) {
      double[] g = guest.get();
      return Optional.of(
          new Pause(
              g[0],
              g[1],
              "downtime: guest heartbeat gap, " + ms(g),
              "no heartbeat arrived for " + ms(g) + " (guest-downtime)" + alsoLibvirt));
    }
    return libvirt.map(
        l ->
            new Pause(
                l[0],
                l[1],
                "downtime: libvirt's, " + ms(l) + ", placed at its job's end",
                "libvirt reported a downtime of " + ms(l) + "; drawn to end where its job ended"));
  }

  /** {from, to} in seconds of a one-point downtime series. */
  private static Optional<double[]> window(MigrationTraces.Trace trace, String name) {
    return trace
        .get(name)
        .map(TimeSeries::points)
        .filter(p -> p != null && !p.isEmpty())
        .map(p -> p.get(0))
        .filter(p -> Double.isFinite(p.valueOrNaN()))
        .map(p -> new double[] {p.atMs() / 1000.0, (p.atMs() + p.valueOrNaN()) / 1000.0});
  }

  private static String ms(double[] window) {
    return HumanFormat.duration(Math.round((window[1] - window[0]) * 1000));
  }

  /** {time in s, pass} where libvirt's pass number changed from the one it reported before. */
  private static List<double[]> passStarts(MigrationTraces.Trace trace) {
    List<double[]> starts = new ArrayList<>();
    double last = Double.NaN;
    for (TimeSeries.Point p : points(trace.get(MigrationSeries.PASS))) {
      double pass = p.valueOrNaN();
      if (Double.isFinite(pass)) {
        if (Double.isFinite(last) && pass != last) {
          starts.add(new double[] {p.atMs() / 1000.0, pass});
        }
        last = pass;
      }
    }
    return starts;
  }

  /** The time every series of the migration covers, in seconds, so that both charts share it. */
  private static double[] xRange(MigrationTraces.Trace trace) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (TimeSeries s : trace.series().values()) {
      for (TimeSeries.Point p : points(Optional.of(s))) {
        double end =
            s.name().startsWith("migration-downtime-") ? p.atMs() + p.valueOrNaN() : p.atMs();
        lo = Math.min(lo, p.atMs() / 1000.0);
        hi = Math.max(hi, Double.isFinite(end) ? end / 1000.0 : p.atMs() / 1000.0);
      }
    }
    return new double[] {lo, hi};
  }

  /** The usual time between two samples in seconds; infinite with fewer than two. */
  private static double medianStep(Optional<TimeSeries> series) {
    List<TimeSeries.Point> points = points(series);
    double[] steps = new double[Math.max(0, points.size() - 1)];
    for (int i = 1; i < points.size(); i++) {
      steps[i - 1] = (points.get(i).atMs() - points.get(i - 1).atMs()) / 1000.0;
    }
    if (steps.length == 0) {
      return Double.POSITIVE_INFINITY;
    }
    Arrays.sort(steps);
    return Math.max(steps[steps.length / 2], 1e-3);
  }

  private static double[] xs(MigrationTraces.Trace trace, String name) {
    return points(trace.get(name)).stream().mapToDouble(p -> p.atMs() / 1000.0).toArray();
  }

  private static double[] ys(MigrationTraces.Trace trace, String name) {
    return points(trace.get(name)).stream().mapToDouble(TimeSeries.Point::valueOrNaN).toArray();
  }

  private static List<TimeSeries.Point> points(Optional<TimeSeries> series) {
    return series
        .map(TimeSeries::points)
        .map(p -> Objects.requireNonNullElse(p, List.<TimeSeries.Point>of()))
        .orElse(List.of());
  }

  private static Optional<Metric> metric(MigrationTraces.Trace trace, String name) {
    return trace.row() == null
        ? Optional.empty()
        : Optional.ofNullable(
            Objects.requireNonNullElse(trace.row().step().metrics(), Map.<String, Metric>of())
                .get(name));
  }
}
