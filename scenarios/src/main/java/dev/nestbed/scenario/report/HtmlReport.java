package dev.nestbed.scenario.report;

import static dev.nestbed.scenario.report.Markup.escape;

import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.Simulation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) that an
 * engineer can open from a CI artifact: verdict, where the time went, topology, timeline, every
 * step and expectation, the measured series as plots, what the run was made of and with, and links
 * to the logs. The page is also well-formed XML, which keeps it parseable by tests and tools.
 */
final class HtmlReport {
  static final String FILE_NAME = "report.html";

  private HtmlReport() {}

  static void write(RunRecord run, Path file) throws IOException {
    Files.writeString(file, render(run), StandardCharsets.UTF_8);
  }

  static String render(RunRecord run) {
    List<StepRows.Row> rows = StepRows.of(run.steps());
    String scenario = Objects.requireNonNullElse(run.scenario(), "scenario");
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<link rel=\"icon\" href=\"data:,\"/>\n")
        .append("<title>")
        .append(escape(scenario + " · " + StepTables.label(run.outcome()) + " · nestbed"))
        .append("</title>\n<style>\n")
        .append(ReportStyle.CSS)
        .append("</style>\n</head>\n<body>\n<main>\n");
    header(out, run, rows);
    out.append(TopologySection.render(run.topology()));
    out.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n")
        .append(outcomeLegend(rows))
        .append(TimelineChart.render(rows))
        .append("</section>\n");
    out.append(StepTables.steps(rows));
    out.append(CellAccountSection.render(run.cellsFree(), rows));
    out.append(StepTables.expectations(run.expectations()));
    out.append(PlotsSection.render(run.series(), rows));
    out.append(ProvenanceSection.render(run.provenance()));
    logs(out, run.logs());
    out.append("</main>\n</body>\n</html>\n");
    return out.toString();
  }

  private static void header(StringBuilder out, RunRecord run, List<StepRows.Row> rows) {
    String colour = ReportStyle.colour(run.outcome());
    out.append("<section id=\"summary\" style=\"border-top: 6px solid ")
        .append(colour)
        .append("\">\n")
        .append("<div class=\"title-row\"><span class=\"verdict\" style=\"background:")
        .append(colour)
        .append("\">")
        .append(StepTables.label(run.outcome()))
        .append("</span><div><div class=\"muted\">nestbed run of</div><h1>")
        .append(escape(run.scenario()))
        .append("</h1></div></div>\n");
    if (run.message() != null && !run.message().isBlank()) {
      out.append("<div class=\"run-message\" style=\"border-color:")
          .append(colour)
          .append("\">")
          .append(escape(run.message()))
          .append("</div>\n");
    }
    Simulation simulation = run.simulation();
    if (simulation != null) {
      out.append("<div class=\"run-message\" style=\"border-color:#6b7280\"><b>Simulated.</b> ")
          .append("No node, pool or guest ran; every figure comes from the models (")
          .append(escape(simulation.models()))
          .append("), calibrated on ")
          .append(escape(simulation.calibrationWhere()))
          .append(", ")
          .append(escape(simulation.calibrationWhen()))
          .append(" (")
          .append(escape(simulation.calibrationSource()))
          .append(").</div>\n");
    }
    out.append("<dl class=\"facts\">\n");
    fact(out, "Run id", run.runId(), true);
    fact(out, "Scenario file", run.scenarioFile(), true);
    fact(out, "Accelerator", run.accelerator(), false);
    fact(out, "Started at", run.startedAt(), false);
    fact(
        out,
        simulation == null ? "Wall time" : "Simulated time",
        HumanFormat.duration(run.wallMs()),
        false);
    out.append("</dl>\n<p class=\"counts\"><b>")
        .append(rows.size())
        .append(rows.size() == 1 ? " step" : " steps")
        .append("</b> ")
        .append(counts(rows.stream().map(r -> r.step().outcome())));
    List<ExpectationRecord> expectations =
        Objects.requireNonNullElse(run.expectations(), List.of());
    out.append(" · <b>")
        .append(expectations.size())
        .append(expectations.size() == 1 ? " expectation" : " expectations")
        .append("</b> ")
        .append(counts(expectations.stream().map(ExpectationRecord::outcome)))
        .append("</p>\n")
        .append("<h3>Where the time went</h3>\n")
        .append(PhaseBar.render(run.phases()))
        .append("</section>\n");
  }

  private static void fact(StringBuilder out, String name, String value, boolean mono) {
    out.append("<div><dt>")
        .append(name)
        .append("</dt><dd")
        .append(mono ? " class=\"mono\"" : "")
        .append('>')
        .append(
            value == null || value.isBlank()
                ? "<span class=\"muted\">unknown</span>"
                : escape(value))
        .append("</dd></div>\n");
  }

  /** "(5 passed, 1 failed)": how many of each outcome, in the enum's order. */
  private static String counts(Stream<Outcome> outcomes) {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    outcomes.filter(Objects::nonNull).forEach(o -> counts.merge(o, 1, Integer::sum));
    if (counts.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("(");
    counts.forEach(
        (o, n) ->
            text.append(text.length() > 1 ? ", " : "")
                .append("<span style=\"color:")
                .append(ReportStyle.colour(o))
                .append("\">")
                .append(n)
                .append(' ')
                .append(StepTables.label(o).toLowerCase(Locale.ROOT))
                .append("</span>"));
    return text.append(')').toString();
  }

  private static String outcomeLegend(List<StepRows.Row> rows) {
    StringBuilder out = new StringBuilder("<div class=\"legend\">");
    rows.stream()
        .map(r -> r.step().outcome())
        .filter(Objects::nonNull)
        .distinct()
        .sorted()
        .forEach(
            o ->
                out.append("<span><span class=\"swatch\" style=\"background:")
                    .append(ReportStyle.colour(o))
                    .append("\"></span>")
                    .append(StepTables.label(o).toLowerCase(Locale.ROOT))
                    .append("</span>"));
    return out.append(
            "<span class=\"muted\">hover a bar for its message and metrics</span></div>\n")
        .toString();
  }

  private static void logs(StringBuilder out, List<String> logs) {
    out.append("<section id=\"logs\">\n<h2>Logs</h2>\n<p class=\"muted\">Next to this page: ")
        .append(link(ResultsJson.FILE_NAME))
        .append(" (everything measured) and ")
        .append(link(JunitXml.FILE_NAME))
        .append(" (for CI).</p>\n");
    if (logs == null || logs.isEmpty()) {
      out.append("<p class=\"empty\">No logs were kept.</p>\n");
    } else {
      out.append("<ul class=\"logs mono\">\n");
      for (String log : logs) {
        out.append("<li>").append(link(log)).append("</li>\n");
      }
      out.append("</ul>\n");
    }
    out.append("</section>\n");
  }

  /** A link to a file next to the report, by its path relative to the output directory. */
  private static String link(String path) {
    return "<a href=\"" + escape(Markup.relativeHref(path)) + "\">" + escape(path) + "</a>";
  }
}
