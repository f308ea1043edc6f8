package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.spec.HostSpec;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks that the declarations agree with each other: pools name declared nodes, each node is in at
 * most one pool, partitions name declared pools and place themselves on that pool's cells. Names
 * that were missing are skipped; their absence has been reported already.
 */
final class ReferenceCheck {
  private final ScenarioSpec spec;
  private final Problems problems;
  private final Sources sources;
  private final List<String> hosts;
  private final List<String> pools;

  ReferenceCheck(ScenarioSpec spec, Problems problems, Sources sources) {
    this.spec = spec;
    this.problems = problems;
    this.sources = sources;
    this.hosts =
        spec.nodes() == null
            ? List.of()
            : spec.nodes().hosts().stream().map(HostSpec::name).filter(Objects::nonNull).toList();
    this.pools = spec.pools().stream().map(PoolSpec::name).filter(Objects::nonNull).toList();
  }

  void run() {
    Map<String, String> poolOfNode = new HashMap<>();
    for (PoolSpec pool : spec.pools()) {
      checkPoolNodes(pool, "nodes", pool.nodes(), poolOfNode);
      checkPoolNodes(pool, "spare", pool.spare(), poolOfNode);
    }
    spec.partitions().forEach(this::checkPartition);
  }

  private void checkPoolNodes(
      PoolSpec pool, String key, List<String> nodes, Map<String, String> poolOfNode) {
    String context = "pool " + pool.name();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      String node = nodes.get(i);
      Location at = sources.at(pool.location(), key, i);
      if (!hosts.contains(node)) {
        if (!sources.complete("hosts")) {
          continue;
        }
        problems.add(
            at,
            context + ": node '" + node + "' is not declared under nodes.hosts",
            Suggest.hint(node, hosts, "declared nodes"));
      } else if (!seen.add(node)) {
        problems.add(at, context + ": node " + node + " is listed twice in " + key, null);
      } else if (key.equals("spare") && pool.nodes().contains(node)) {
        problems.add(
            at,
            context + ": node " + node + " is both a member and a spare",
            "a spare joins later with add-node; list it in nodes or in spare, not both");
      } else {
        String other = poolOfNode.putIfAbsent(node, pool.name());
        if (other != null) {
          problems.add(
              at,
              context + ": node " + node + " is already in pool " + other,
              "a node belongs to one pool; declare another node for this one");
        }
      }
    }
  }

  private void checkPartition(PartitionDecl partition) {
    if (partition.pool() == null) {
      return;
    }
    String context = "partition " + partition.name();
    PoolSpec pool = spec.pool(partition.pool()).orElse(null);
    if (pool == null) {
      if (!sources.complete("pools")) {
        return;
      }
      problems.add(
          sources.at(partition.location(), "pool"),
          context + ": pool '" + partition.pool() + "' is not declared",
          Suggest.hint(partition.pool(), pools, "declared pools"));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < partition.cells().size(); i++) {
      String cell = partition.cells().get(i);
      Location at = sources.at(partition.location(), "cells", i);
      if (!seen.add(cell)) {
        problems.add(at, context + ": cell " + cell + " is listed twice", null);
      } else if (!PoolLedger.isDiscovered(pool) && !pool.nodes().contains(cell)) {
        // (the cells of a machine adopted by uri are only known, and checked, at run time)
        problems.add(
            at,
            context + ": cell '" + cell + "' is not a member node of pool " + pool.name(),
            notMemberHint(cell, pool, spec.pools()));
      }
    }
  }

  /** Why a node is not usable as a cell of the pool, and which are. */
  @SuppressWarnings("ReferenceEquality") // other pools, even if declared alike
  private static String notMemberHint(String node, PoolSpec pool, List<PoolSpec> pools) {
    String members = "members of " + pool.name() + ": " + String.join(", ", pool.nodes());
    if (pool.spare().contains(node)) {
      return node + " is a spare of " + pool.name() + " and joins only with add-node; " + members;
    }
    for (PoolSpec other : pools) {
      if (other != pool && other.nodes().contains(node)) {
        return node + " is in pool " + other.name() + "; " + members;
      }
    }
    return Suggest.closest(node, pool.nodes())
        .map(s -> "did you mean '" + s + "'?")
        .orElse(members);
  }
}
