package dev.nestbed.scenario.report;

import static dev.nestbed.scenario.report.Markup.escape;

import dev.nestbed.scenario.record.Topology;
import dev.nestbed.scenario.record.Topology.CellInfo;
import dev.nestbed.scenario.record.Topology.NodeInfo;
import dev.nestbed.scenario.record.Topology.PlacementInfo;
import dev.nestbed.scenario.record.Topology.PoolInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What was built: the nodes, then each pool as a box of its cells with the partitions drawn inside
 * the cells they were placed on, spare nodes dashed, and the pool's NUMA distances.
 */
final class TopologySection {
  private TopologySection() {}

  static String render(Topology topology) {
    StringBuilder out = new StringBuilder("<section id=\"topology\">\n<h2>Topology</h2>\n");
    if (topology == null) {
      return out.append("<p class=\"empty\">No topology was recorded.</p>\n</section>\n")
          .toString();
    }
    List<NodeInfo> nodes = Objects.requireNonNullElse(topology.nodes(), List.of());
    List<PlacementInfo> placements = Objects.requireNonNullElse(topology.placements(), List.of());
    nodes(out, nodes);
    Map<String, String> colours = new LinkedHashMap<>();
    placements.forEach(
        p -> colours.putIfAbsent(p.partition(), ReportStyle.seriesColour(colours.size())));
    out.append("<div class=\"pools\">\n");
    // Sets and an index by pool, not searches: a simulated run has tens of thousands of these.
    Set<PlacementInfo> shown = new HashSet<>();
    Map<String, List<PlacementInfo>> byPool = new HashMap<>();
    placements.forEach(p -> byPool.computeIfAbsent(p.poolAtEnd(), k -> new ArrayList<>()).add(p));
    for (PoolInfo pool : Objects.requireNonNullElse(topology.pools(), List.<PoolInfo>of())) {
      pool(out, pool, nodes, byPool.getOrDefault(pool.name(), List.of()), colours, shown);
    }
    out.append("</div>\n");
    List<PlacementInfo> elsewhere = placements.stream().filter(p -> !shown.contains(p)).toList();
    if (!elsewhere.isEmpty()) {
      out.append("<h3>Partitions outside the pools above</h3>\n<ul>\n");
      for (PlacementInfo p : elsewhere) {
        out.append("<li>")
            .append(escape(p.partition()))
            .append(" in pool ")
            .append(escape(p.poolAtEnd()))
            .append(" on ")
            .append(escape(String.join(", ", cells(p))))
            .append(": ")
            .append(escape(size(p)))
            .append("</li>\n");
      }
      out.append("</ul>\n");
    }
    return out.append("</section>\n").toString();
  }

  private static void nodes(StringBuilder out, List<NodeInfo> nodes) {
    if (nodes.isEmpty()) {
      out.append("<p class=\"empty\">No nodes were recorded.</p>\n");
      return;
    }
    out.append(
            "<table class=\"nodes\"><thead><tr><th>Node</th><th>Provider</th><th class=\"num\">CPUs</th>")
        .append("<th class=\"num\">Memory</th><th>Address</th></tr></thead><tbody>\n");
    for (NodeInfo n : nodes) {
      out.append("<tr><td><b>")
          .append(escape(n.name()))
          .append("</b></td><td>")
          .append(escape(n.provider()))
          .append("</td><td class=\"num\">")
          .append(n.cpus())
          .append("</td><td class=\"num\">")
          .append(n.memoryMib())
          .append(" MiB</td><td class=\"mono\">")
          .append(
              n.address() == null || n.address().isBlank()
                  ? "<span class=\"muted\">not running</span>"
                  : escape(n.address()))
          .append(
              n.about() == null || n.about().isBlank()
                  ? ""
                  : "<br><span class=\"muted\">" + escape(n.about()) + "</span>")
          .append("</td></tr>\n");
    }
    out.append("</tbody></table>\n");
  }

  private static void pool(
      StringBuilder out,
      PoolInfo pool,
      List<NodeInfo> nodes,
      List<PlacementInfo> placements,
      Map<String, String> colours,
      Set<PlacementInfo> shown) {
    List<CellInfo> cells = Objects.requireNonNullElse(pool.cells(), List.of());
    int cpus = cells.stream().mapToInt(CellInfo::cpus).sum();
    long mib = cells.stream().mapToLong(CellInfo::memoryMib).sum();
    out.append("<div class=\"pool\">\n<div class=\"pool-head\"><b>pool ")
        .append(escape(pool.name()))
        .append("</b> <span class=\"muted\">backend ")
        .append(escape(pool.backend()))
        .append(" · ")
        .append(cells.size())
        .append(cells.size() == 1 ? " cell · " : " cells · ")
        .append(cpus)
        .append(" CPUs · ")
        .append(mib)
        .append(" MiB</span></div>\n<div class=\"cells\">\n");
    for (CellInfo cell : cells) {
      out.append("<div class=\"cell\">\n<div class=\"cell-head\">cell ")
          .append(escape(cell.node()))
          .append("</div>\n<div class=\"cell-cap\">")
          .append(cell.cpus())
          .append(" CPUs · ")
          .append(cell.memoryMib())
          .append(" MiB</div>\n");
      int placed = 0;
      for (PlacementInfo p : placements) {
        if (Objects.equals(p.poolAtEnd(), pool.name()) && cells(p).contains(cell.node())) {
          placed++;
          shown.add(p);
          partition(
              out,
              p,
              colours.computeIfAbsent(
                  p.partition(), k -> ReportStyle.seriesColour(colours.size())));
        }
      }
      if (placed == 0) {
        out.append("<div class=\"empty\">no partition</div>\n");
      }
      out.append("</div>\n");
    }
    for (String spare : Objects.requireNonNullElse(pool.spares(), List.<String>of())) {
      NodeInfo node =
          nodes.stream().filter(n -> Objects.equals(n.name(), spare)).findFirst().orElse(null);
      out.append("<div class=\"cell spare\">\n<div class=\"cell-head\">")
          .append(escape(spare))
          .append(" <span class=\"muted\">(spare)</span></div>\n<div class=\"cell-cap\">")
          .append(
              node == null
                  ? "may join the pool"
                  : node.cpus() + " CPUs · " + node.memoryMib() + " MiB")
          .append("</div>\n</div>\n");
    }
    out.append("</div>\n");
    distances(out, cells, pool.distances());
    observed(out, Objects.requireNonNullElse(pool.observed(), List.of()));
    bootFaults(out, Objects.requireNonNullElse(pool.bootFaults(), List.of()));
    out.append("</div>\n");
  }

  /** Faults of the platform got over while the pool was built: plain to see, never hidden. */
  private static void bootFaults(StringBuilder out, List<String> faults) {
    for (String fault : faults) {
      out.append("<div class=\"fault\"><b>platform fault, booted again:</b> <span class=\"mono\">")
          .append(escape(fault))
          .append("</span></div>\n");
    }
  }

  /** The cells the pool's own kernel reported, next to the plan, so a mismatch is visible. */
  private static void observed(StringBuilder out, List<Topology.ObservedCell> observed) {
    if (observed.isEmpty()) {
      return;
    }
    out.append(
            "<table class=\"distances\"><caption class=\"muted\">seen from inside the pool</caption>")
        .append(
            "<thead><tr><th>cell</th><th>CPUs</th><th>MiB</th><th>distances</th></tr></thead><tbody>\n");
    for (Topology.ObservedCell cell : observed) {
      out.append("<tr><th>")
          .append(cell.id())
          .append("</th><td>")
          .append(cell.cpus())
          .append("</td><td>")
          .append(cell.memoryMib())
          .append("</td><td>")
          .append(escape(String.valueOf(Objects.requireNonNullElse(cell.distances(), List.of()))))
          .append("</td></tr>\n");
    }
    out.append("</tbody></table>\n");
  }

  private static void partition(StringBuilder out, PlacementInfo p, String colour) {
    List<String> cells = cells(p);
    out.append("<div class=\"part\" style=\"background:")
        .append(colour)
        .append("\"><b>")
        .append(escape(p.partition()))
        .append("</b><small>")
        .append(escape(size(p)));
    if (cells.size() > 1) {
      out.append(" · spans ").append(escape(String.join(", ", cells)));
    }
    if (p.wentElsewhere()) {
      out.append(" · placed on ")
          .append(escape(String.join(", ", Objects.requireNonNullElse(p.cells(), List.of()))))
          .append(Objects.equals(p.pool(), p.poolAtEnd()) ? "" : " of pool " + escape(p.pool()));
    }
    out.append("</small></div>\n");
  }

  private static String size(PlacementInfo p) {
    String vcpus =
        p.maxVcpus() > p.vcpus()
            ? p.vcpus() + " of max " + p.maxVcpus()
            : Integer.toString(p.vcpus());
    return vcpus
        + (p.vcpus() == 1 && p.maxVcpus() <= 1 ? " vCPU · " : " vCPUs · ")
        + p.memoryMib()
        + " MiB";
  }

  /** The cells it was on at the end of the run. */
  private static List<String> cells(PlacementInfo p) {
    return Objects.requireNonNullElse(p.cellsAtEnd(), List.of());
  }

  private static void distances(
      StringBuilder out, List<CellInfo> cells, List<List<Integer>> distances) {
    if (distances == null || distances.isEmpty()) {
      return;
    }
    out.append(
        "<table class=\"distances\"><caption class=\"muted\">NUMA distances</caption><thead><tr><th></th>");
    for (int j = 0; j < distances.get(0).size(); j++) {
      out.append("<th>")
          .append(escape(j < cells.size() ? cells.get(j).node() : "#" + j))
          .append("</th>");
    }
    out.append("</tr></thead><tbody>\n");
    for (int i = 0; i < distances.size(); i++) {
      out.append("<tr><th>")
          .append(escape(i < cells.size() ? cells.get(i).node() : "#" + i))
          .append("</th>");
      for (Integer d : Objects.requireNonNullElse(distances.get(i), List.<Integer>of())) {
        out.append("<td>").append(d == null ? "" : d).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody></table>\n");
  }
}
