package dev.nestbed.scenario.report;

import dev.nestbed.scenario.record.Outcome;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The look of report.html: its inline style sheet and the colours shared by the HTML and the SVG.
 * The sheet avoids '&' and '<' so that the page stays well-formed XML.
 */
final class ReportStyle {
  private ReportStyle() {}

  private static final Map<String, String> PHASES =
      Map.of(
          "plan",
          "#94a3b8",
          "nodes",
          "#0ea5e9",
          "boot",
          "#6366f1",
          "steps",
          "#14b8a6",
          "teardown",
          "#f59e0b");
  private static final List<String> SERIES =
      List.of(
          "#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f",
          "#ff9da7", "#bab0ac");

  /** The colour of an outcome, in badges, timeline bars and the header. */
  static String colour(@Nullable Outcome outcome) {
    if (outcome == null) {
      return "#57606a";
    }
    return switch (outcome) {
      case PASSED -> "#1a7f37";
      case FAILED -> "#cf222e";
      case TIMED_OUT -> "#bc4c00";
      case NOT_SUPPORTED -> "#8250df";
      case SKIPPED -> "#8c959f";
      case INTERRUPTED -> "#9a6700";
      case ERROR -> "#82071e";
    };
  }

  static String phaseColour(String phase, int index) {
    return PHASES.getOrDefault(phase, SERIES.get(index % SERIES.size()));
  }

  static String seriesColour(int index) {
    return SERIES.get(index % SERIES.size());
  }

  static final String CSS =
      """
      :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; }
      * { box-sizing: border-box; }
      body { margin: 0; background: #eef1f4; color: var(--fg);
        font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
      main { max-width: 1240px; margin: 0 auto; padding: 24px 20px 40px; }
      section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 18px 22px;
        margin-bottom: 18px; }
      h1 { font-size: 26px; margin: 0; font-weight: 650; }
      h2 { font-size: 17px; margin: 0 0 12px; font-weight: 650; }
      h3 { font-size: 14px; margin: 16px 0 6px; font-weight: 600; }
      .muted { color: var(--muted); }
      .mono, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
        font-size: 12.5px; }
      .title-row { display: flex; align-items: center; gap: 18px; flex-wrap: wrap; }
      .verdict { color: #fff; font-size: 24px; font-weight: 700; letter-spacing: .04em; padding: 6px 18px;
        border-radius: 6px; }
      .run-message { margin: 10px 0 0; padding: 8px 12px; border-left: 4px solid; background: var(--soft);
        white-space: pre-wrap; }
      .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px 24px;
        margin: 16px 0 8px; }
      .facts div { min-width: 0; overflow-wrap: anywhere; }
      .facts dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
      .facts dd { margin: 0; font-weight: 500; }
      .counts { margin: 6px 0 0; }
      .badge { display: inline-block; color: #fff; border-radius: 10px; padding: 0 8px; font-size: 11.5px;
        font-weight: 600; letter-spacing: .03em; white-space: nowrap; }
      .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12.5px; margin: 6px 0; }
      .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px;
        vertical-align: -1px; }
      svg { display: block; max-width: 100%; height: auto; }
      svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
      table { border-collapse: collapse; width: 100%; font-size: 13px; }
      th { text-align: left; background: var(--soft); color: var(--muted); font-weight: 600; font-size: 12px;
        padding: 6px 10px; border-bottom: 1px solid var(--line); }
      td { padding: 6px 10px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
      td.num, th.num { text-align: right; white-space: nowrap; }
      td.msg { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 380px; }
      tr.child td.summary { padding-left: 30px; }
      tr.bad td { background: #fff6f5; }
      .fault { margin: 6px 0; padding: 6px 8px; background: #fff4e0; border-left: 3px solid #d9822b;
        white-space: pre-wrap; font-size: 12px; }
      ul.metrics { list-style: none; margin: 0; padding: 0; }
      ul.metrics li { white-space: nowrap; }
      .pools { display: flex; flex-wrap: wrap; gap: 18px; margin-top: 14px; }
      .pool { border: 2px solid #9aa5b1; border-radius: 8px; padding: 12px 14px; background: #fbfcfd; }
      .pool-head { margin-bottom: 10px; }
      .pool-head b { font-size: 15px; }
      /* The cells of a pool drawn side by side; a div only, or a table of cells would become a flex box. */
      div.cells { display: flex; flex-wrap: wrap; gap: 12px; align-items: stretch; }
      .cell { width: 210px; border: 1.5px solid #6e7781; border-radius: 6px; padding: 8px 10px; background: #fff; }
      .cell.spare { border-style: dashed; background: repeating-linear-gradient(135deg, #fff 0 8px, #f6f8fa 8px 16px); }
      .cell-head { font-weight: 650; }
      .cell-cap { color: var(--muted); font-size: 12px; margin-bottom: 6px; }
      .part { border-radius: 4px; padding: 4px 8px; margin-top: 5px; color: #fff; font-size: 12.5px; }
      .part small { display: block; opacity: .9; font-size: 11.5px; }
      .empty { color: var(--muted); font-style: italic; font-size: 12.5px; }
      table.distances { width: auto; margin-top: 10px; font-size: 12px; }
      table.distances td, table.distances th { padding: 2px 8px; text-align: right; border: 1px solid #eaeef2; }
      table.nodes { width: auto; min-width: 60%; }
      .chart { margin-bottom: 8px; }
      ul.logs { columns: 2; margin: 0; padding-left: 18px; }
      table.provenance { width: auto; max-width: 100%; }
      table.provenance th { background: none; white-space: nowrap; padding-right: 24px; }
      table.provenance td { overflow-wrap: anywhere; }
      .unknown { color: #9a6700; font-style: italic; }
      details.scenario-text { margin-top: 12px; }
      details.scenario-text summary { cursor: pointer; color: var(--muted); }
      details.scenario-text pre { margin: 8px 0 0; padding: 10px 12px; background: var(--soft);
        border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; white-space: pre; }
      """;
}
