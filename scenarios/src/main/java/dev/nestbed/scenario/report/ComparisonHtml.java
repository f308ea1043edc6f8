package dev.nestbed.scenario.report;

import static dev.nestbed.scenario.report.Markup.escape;

import dev.nestbed.scenario.record.Outcome;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RunComparison} as one self-contained page in the report's style (inline CSS, no script,
 * nothing fetched, well-formed XML): the two runs, the steps in both with their metrics (rows that
 * differ highlighted), the steps only one run has, and the expectations side by side.
 */
public final class ComparisonHtml {
  /** A few rules of its own on top of the report's sheet. */
  private static final String CSS =
      """
      tr.step td { background: var(--soft); font-weight: 600; border-top: 1px solid var(--line); }
      tr.diff td { background: #fff8c5; }
      td.metric { padding-left: 26px; }
      .runs td:first-child { font-weight: 700; width: 2em; }
      """;

  private ComparisonHtml() {}

  public static String render(RunComparison c) {
    StringBuilder out = new StringBuilder(32 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<link rel=\"icon\" href=\"data:,\"/>\n<title>")
        .append(
            escape("compare " + Objects.requireNonNullElse(c.a().scenario(), "?") + " · nestbed"))
        .append("</title>\n<style>\n")
        .append(ReportStyle.CSS)
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n");
    out.append(
        "<section id=\"summary\">\n<h1>nestbed compare</h1>\n<table class=\"runs\"><tbody>\n");
    run(out, "A", c.a());
    run(out, "B", c.b());
    out.append("</tbody></table>\n<p class=\"counts\"><b>")
        .append(escape(ComparisonText.summary(c.summary(), "highlighted")))
        .append("</b></p>\n</section>\n");
    steps(out, c.steps());
    alone(out, "only-a", "Steps only in A", c.onlyInA());
    alone(out, "only-b", "Steps only in B", c.onlyInB());
    expectations(out, c.expectations());
    return out.append("</main>\n</body>\n</html>\n").toString();
  }

  private static void run(StringBuilder out, String side, RunComparison.Run r) {
    out.append("<tr><td>")
        .append(side)
        .append("</td><td class=\"mono\">")
        .append(escape(r.file()))
        .append("</td><td>")
        .append(escape(r.scenario()))
        .append("</td><td class=\"mono\">")
        .append(escape(r.runId()))
        .append("</td><td>")
        .append(StepTables.badge(r.outcome()))
        .append("</td><td class=\"num\">")
        .append(HumanFormat.duration(r.wallMs()))
        .append("</td><td class=\"muted\">")
        .append(escape(r.startedAt()))
        .append("</td></tr>\n");
  }

  private static void steps(StringBuilder out, List<RunComparison.StepPair> steps) {
    out.append("<section id=\"steps\">\n<h2>Steps in both runs (")
        .append(steps.size())
        .append(")</h2>\n");
    if (steps.isEmpty()) {
      out.append("<p class=\"empty\">The runs have no step in common.</p>\n</section>\n");
      return;
    }
    out.append(
            "<table><thead><tr><th>Step, metric</th><th class=\"num\">A</th><th class=\"num\">B</th>")
        .append("<th class=\"num\">B − A</th><th class=\"num\">B / A</th></tr></thead><tbody>\n");
    for (RunComparison.StepPair step : steps) {
      out.append("<tr class=\"step")
          .append(step.outcomeDiffers() ? " diff" : "")
          .append("\"><td>")
          .append(escape(step.name()))
          .append(" <span class=\"muted\">")
          .append(escape(step.summary()))
          .append("</span></td><td class=\"num\">")
          .append(StepTables.badge(step.outcomeA()))
          .append("</td><td class=\"num\">")
          .append(StepTables.badge(step.outcomeB()))
          .append("</td><td></td><td></td></tr>\n");
      for (RunComparison.MetricRow m : step.metrics()) {
        out.append("<tr")
            .append(m.differs() ? " class=\"diff\"" : "")
            .append("><td class=\"metric mono\">")
            .append(escape(m.name()))
            .append("</td><td class=\"num\">")
            .append(escape(ComparisonText.value(m.a(), m.unit())))
            .append("</td><td class=\"num\">")
            .append(escape(ComparisonText.value(m.b(), m.unit())))
            .append("</td><td class=\"num\">")
            .append(escape(ComparisonText.difference(m)))
            .append("</td><td class=\"num\">")
            .append(escape(ComparisonText.ratio(m)))
            .append("</td></tr>\n");
      }
    }
    out.append("</tbody></table>\n</section>\n");
  }

  private static void alone(
      StringBuilder out, String id, String title, List<RunComparison.StepAlone> steps) {
    out.append("<section id=\"")
        .append(id)
        .append("\">\n<h2>")
        .append(title)
        .append(" (")
        .append(steps.size())
        .append(")</h2>\n");
    if (steps.isEmpty()) {
      out.append("<p class=\"empty\">None.</p>\n</section>\n");
      return;
    }
    out.append(
        "<table><thead><tr><th>Step</th><th>Summary</th><th>Outcome</th></tr></thead><tbody>\n");
    for (RunComparison.StepAlone s : steps) {
      out.append("<tr class=\"diff\"><td>")
          .append(escape(s.name()))
          .append("</td><td>")
          .append(escape(s.summary()))
          .append("</td><td>")
          .append(StepTables.badge(s.outcome()))
          .append("</td></tr>\n");
    }
    out.append("</tbody></table>\n</section>\n");
  }

  private static void expectations(
      StringBuilder out, List<RunComparison.ExpectationPair> expectations) {
    out.append("<section id=\"expectations\">\n<h2>Expectations (")
        .append(expectations.size())
        .append(")</h2>\n");
    if (expectations.isEmpty()) {
      out.append("<p class=\"empty\">Neither run expects anything.</p>\n</section>\n");
      return;
    }
    out.append(
        "<table><thead><tr><th>Expectation</th><th>Expected</th><th>A</th><th>B</th></tr></thead><tbody>\n");
    for (RunComparison.ExpectationPair e : expectations) {
      out.append("<tr")
          .append(e.differs() ? " class=\"diff\"" : "")
          .append("><td>")
          .append(escape(e.description()))
          .append("</td><td class=\"mono\">")
          .append(escape(e.expected()))
          .append("</td>");
      side(out, e.outcomeA(), e.measuredA());
      side(out, e.outcomeB(), e.measuredB());
      out.append("</tr>\n");
    }
    out.append("</tbody></table>\n</section>\n");
  }

  private static void side(
      StringBuilder out, @Nullable Outcome outcome, @Nullable String measured) {
    out.append("<td>");
    if (outcome == null && measured == null) {
      out.append("<span class=\"muted\">not in this run</span>");
    } else {
      out.append(StepTables.badge(outcome))
          .append(" <span class=\"mono\">")
          .append(escape(measured))
          .append("</span>");
    }
    out.append("</td>");
  }
}
