package dev.nestbed.scenario.report;

import static dev.nestbed.scenario.report.Markup.escape;

import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.StepRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The steps and the expectations as tables: every number and message the run recorded. */
final class StepTables {
  private StepTables() {}

  static String steps(List<StepRows.Row> rows) {
    StringBuilder out = new StringBuilder("<section id=\"steps\">\n<h2>Steps</h2>\n");
    if (rows.isEmpty()) {
      return out.append("<p class=\"empty\">No step ran.</p>\n</section>\n").toString();
    }
    out.append(
            "<table><thead><tr><th>#</th><th>Kind</th><th>Summary</th><th class=\"num\">Start</th>")
        .append(
            "<th class=\"num\">Duration</th><th>Outcome</th><th>Message</th><th>Metrics</th></tr></thead>")
        .append("<tbody>\n");
    for (StepRows.Row row : rows) {
      StepRecord s = row.step();
      out.append("<tr class=\"")
          .append(row.depth() > 0 ? "child" : "top")
          .append(attention(s.outcome()))
          .append("\">")
          .append("<td class=\"mono\">")
          .append(escape(row.number()))
          .append("</td><td>")
          .append(escape(s.kind()))
          .append("</td><td class=\"summary\">")
          .append(escape(s.summary()))
          .append("</td><td class=\"num\">")
          .append(HumanFormat.number(s.startMs() / 1000.0, 2))
          .append(" s</td><td class=\"num\">")
          .append(HumanFormat.duration(row.durationMs()))
          .append("</td><td>")
          .append(badge(s.outcome()))
          .append("</td><td class=\"msg\">")
          .append(escape(s.message()))
          .append("</td><td>");
      metrics(out, s.metrics());
      out.append("</td></tr>\n");
    }
    return out.append("</tbody></table>\n</section>\n").toString();
  }

  static String expectations(List<ExpectationRecord> expectations) {
    StringBuilder out = new StringBuilder("<section id=\"expectations\">\n<h2>Expectations</h2>\n");
    if (expectations == null || expectations.isEmpty()) {
      return out.append("<p class=\"empty\">The scenario expects nothing.</p>\n</section>\n")
          .toString();
    }
    out.append(
            "<table><thead><tr><th>Expectation</th><th>Expected</th><th>Measured</th><th>Outcome</th>")
        .append("</tr></thead><tbody>\n");
    for (ExpectationRecord e : expectations) {
      out.append("<tr class=\"")
          .append(attention(e.outcome()).trim())
          .append("\"><td>")
          .append(escape(e.description()));
      if (e.message() != null && !e.message().isBlank()) {
        out.append("<div class=\"muted msg\">").append(escape(e.message())).append("</div>");
      }
      out.append("</td><td class=\"mono\">")
          .append(escape(e.expected()))
          .append("</td><td class=\"mono\">")
          .append(escape(e.measured()))
          .append("</td><td>")
          .append(badge(e.outcome()))
          .append("</td></tr>\n");
    }
    return out.append("</tbody></table>\n</section>\n").toString();
  }

  /** A coloured pill naming an outcome, e.g. NOT SUPPORTED. */
  static String badge(@Nullable Outcome outcome) {
    return "<span class=\"badge\" style=\"background:"
        + ReportStyle.colour(outcome)
        + "\">"
        + label(outcome)
        + "</span>";
  }

  /** " bad" for outcomes a reader must look at, so the row stands out. */
  private static String attention(@Nullable Outcome outcome) {
    return outcome == null || outcome == Outcome.PASSED || outcome == Outcome.SKIPPED ? "" : " bad";
  }

  static String label(@Nullable Outcome outcome) {
    return outcome == null ? "UNKNOWN" : outcome.name().replace('_', ' ');
  }

  private static void metrics(StringBuilder out, Map<String, Metric> metrics) {
    Map<String, Metric> all = Objects.requireNonNullElse(metrics, Map.of());
    if (all.isEmpty()) {
      return;
    }
    out.append("<ul class=\"metrics\">");
    all.forEach(
        (name, value) ->
            out.append("<li><span class=\"muted\">")
                .append(escape(name))
                .append("</span> <b>")
                .append(escape(HumanFormat.metric(value)))
                .append("</b></li>"));
    out.append("</ul>");
  }
}
