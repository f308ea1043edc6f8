package dev.nestbed.scenario.report;

import static dev.nestbed.scenario.report.Markup.escape;

import dev.nestbed.scenario.record.CellFree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What each pool cell had free before the first step and after every step: one row per moment, one
 * column per cell. A cell whose partitions hold more than it offers is marked.
 */
final class CellAccountSection {
  /** Past this many cells a table helps nobody: the report says where the figures are instead. */
  static final int MAX_COLUMNS = 64;

  private CellAccountSection() {}

  static String render(List<CellFree> account, List<StepRows.Row> steps) {
    StringBuilder out =
        new StringBuilder("<section id=\"cells\">\n<h2>Free per cell</h2>\n")
            .append(
                "<p class=\"muted\">CPUs and memory of each cell less the running partitions placed on it, at "
                    + "their size after the step (vCPUs as their libvirt reported them, memory as their last resize "
                    + "left it: plugged memory included, balloon taken off).</p>\n");
    List<CellFree> rows = Objects.requireNonNullElse(account, List.of());
    if (rows.isEmpty()) {
      return out.append("<p class=\"empty\">No cell account was recorded.</p>\n</section>\n")
          .toString();
    }
    Set<String> columns = new LinkedHashSet<>();
    Map<String, Map<String, CellFree>> byMoment = new LinkedHashMap<>();
    for (CellFree row : rows) {
      String column = row.pool() + " / " + row.cell();
      columns.add(column);
      byMoment
          .computeIfAbsent(
              Objects.requireNonNullElse(row.afterStep(), ""), k -> new LinkedHashMap<>())
          .put(column, row);
    }
    if (columns.size() > MAX_COLUMNS) {
      return out.append("<p class=\"empty\">")
          .append(columns.size())
          .append(" cells after ")
          .append(HumanFormat.count(byMoment.size(), "moment"))
          .append(
              " are more than a table can show; every figure is in results.json"
                  + " (<code>cellsFree</code>).</p>\n</section>\n")
          .toString();
    }
    out.append("<table class=\"cell-account\"><thead><tr><th>When</th>");
    columns.forEach(c -> out.append("<th class=\"num\">").append(escape(c)).append("</th>"));
    out.append("</tr></thead><tbody>\n");
    // A moment may record only the pools its step touched (a simulated run does): a cell of a pool
    // not recorded then keeps its last figures; one missing from a recorded pool has left it.
    Map<String, CellFree> last = new HashMap<>();
    byMoment.forEach(
        (moment, cells) -> {
          Set<String> recordedPools = new HashSet<>();
          cells.values().forEach(c -> recordedPools.add(c.pool()));
          boolean over =
              cells.values().stream().anyMatch(c -> c.cpusFree() < 0 || c.memoryFreeMib() < 0);
          out.append(over ? "<tr class=\"bad\">" : "<tr>")
              .append("<td>")
              .append(escape(when(moment, steps)))
              .append("</td>");
          for (String column : columns) {
            CellFree c = cells.get(column);
            CellFree before = last.get(column);
            if (c == null && before != null && !recordedPools.contains(before.pool())) {
              c = before;
            }
            if (c == null) {
              last.remove(column);
            } else {
              last.put(column, c);
            }
            out.append("<td class=\"num\">")
                .append(
                    c == null ? "<span class=\"muted\">not in the pool</span>" : escape(free(c)))
                .append("</td>");
          }
          out.append("</tr>\n");
        });
    return out.append("</tbody></table>\n</section>\n").toString();
  }

  private static String when(String afterStep, List<StepRows.Row> steps) {
    if (afterStep.isEmpty()) {
      return "before the steps";
    }
    List<String> titles = new ArrayList<>();
    steps.stream()
        .filter(r -> afterStep.equals(r.step().path()))
        .forEach(r -> titles.add(r.title()));
    return "after " + (titles.isEmpty() ? "step " + afterStep : titles.get(0));
  }

  /** "1 of 2 CPUs, 2560 of 2816 MiB". */
  private static String free(CellFree c) {
    return c.cpusFree()
        + " of "
        + c.cpus()
        + " CPUs, "
        + c.memoryFreeMib()
        + " of "
        + c.memoryMib()
        + " MiB";
  }
}
