package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.spec.HostSpec;
import dev.nestbed.scenario.spec.NodesSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives existing hosts that state no CPUs or memory what their libvirt reports, before anything
 * checks or plans with sizes. A host whose size stays unknown is a problem at its line.
 */
final class HostSizeFill {
  private final ScenarioSpec spec;
  private final Problems problems;
  private final Sources sources;

  HostSizeFill(ScenarioSpec spec, Problems problems, Sources sources) {
    this.spec = spec;
    this.problems = problems;
    this.sources = sources;
  }

  ScenarioSpec fill(HostSizes sizes) {
    NodesSpec nodes = spec.nodes();
    if (nodes == null || !"remote".equals(nodes.provider())) {
      return spec;
    }
    Map<String, String> unknown = new LinkedHashMap<>();
    for (HostSpec host : nodes.hosts()) {
      if ((host.cpus() == 0 || host.memory() == null)
          && host.name() != null
          && host.uri() != null) {
        unknown.put(host.name(), host.uri());
      }
    }
    if (unknown.isEmpty()) {
      return spec;
    }
    Map<String, HostSizes.Size> known = sizes.of(unknown);
    List<HostSpec> hosts =
        nodes.hosts().stream()
            .map(
                host -> {
                  HostSizes.Size size =
                      unknown.containsKey(host.name()) ? known.get(host.name()) : null;
                  if (size == null) {
                    if (unknown.containsKey(host.name())) {
                      problems.add(
                          sources.at(host.location(), "uri"),
                          "node "
                              + host.name()
                              + ": no cpus and memory given, and"
                              + " none were read from the host here",
                          "give cpus and memory, or run validate, plan or run, which"
                              + " read them from the host's libvirt");
                    }
                    return host;
                  }
                  return new HostSpec(
                      host.name(),
                      host.cpus() == 0 ? size.cpus() : host.cpus(),
                      host.memory() == null ? size.memory() : host.memory(),
                      host.uri(),
                      host.image(),
                      host.location());
                })
            .toList();
    return new ScenarioSpec(
        spec.name(),
        spec.description(),
        new NodesSpec(nodes.provider(), hosts, nodes.libvirt(), nodes.location()),
        spec.interconnect(),
        spec.pools(),
        spec.partitions(),
        spec.steps(),
        spec.expectations(),
        spec.location());
  }
}
