package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.scenario.provenance.HostSoftware;
import dev.nestbed.scenario.provenance.NestbedBuild;
import dev.nestbed.scenario.record.Fact;
import dev.nestbed.scenario.record.Provenance;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a run is made of and with, as known before it starts: nestbed's build, the command line,
 * this machine's software and the scenario as parsed. The run completes it into its record's {@link
 * Provenance} with the accelerator it chose and what the providers know of the nodes.
 *
 * @param commandLine how nestbed was invoked: "nestbed", then every argument it was given
 */
public record RunOrigin(
    Provenance.Build nestbed,
    List<String> commandLine,
    Provenance.Host host,
    Provenance.ScenarioSource scenario) {
  public RunOrigin {
    commandLine = List.copyOf(commandLine);
  }

  /**
   * Reads nestbed's build and this machine's software: a few short processes, none of which can
   * fail the run.
   */
  public static RunOrigin probe(List<String> commandLine, Provenance.ScenarioSource scenario) {
    return new RunOrigin(NestbedBuild.ofRunningCode(), commandLine, HostSoftware.probe(), scenario);
  }

  /**
   * The provenance of the run.
   *
   * @param accelerator as the run describes it; empty when the run ended before it chose one
   * @param provider the nodes' provider (ignored when there are no nodes)
   * @param planned the nodes of the plan
   * @param running the nodes that were started, by name
   */
  Provenance provenance(
      String accelerator, String provider, List<NodeSpec> planned, Map<String, Node> running) {
    return new Provenance(
        nestbed,
        commandLine,
        host,
        accelerator.isEmpty()
            ? Fact.unknown("the run ended before it chose one")
            : Fact.known(accelerator),
        planned.stream()
            .map(n -> new Provenance.NodeAbout(n.name(), provider, about(running.get(n.name()))))
            .toList(),
        scenario);
  }

  /**
   * What a simulated run was made of: as a real one, with every node a model of the size it was
   * given, and no accelerator but the models.
   */
  public Provenance simulated(List<NodeSpec> planned) {
    return new Provenance(
        nestbed,
        commandLine,
        host,
        Fact.known("none: simulated"),
        planned.stream()
            .map(
                n ->
                    new Provenance.NodeAbout(
                        n.name(),
                        "sim",
                        Fact.known(
                            "a model of "
                                + n.cpus()
                                + " CPUs and "
                                + n.memory()
                                + " (nothing ran)")))
            .toList(),
        scenario);
  }

  /**
   * What the provider knows of a node: a node on another machine describes itself (versions, size,
   * accelerator); a node on this one runs this machine's libvirtd and QEMU.
   */
  private static Fact about(@Nullable Node node) {
    if (node == null) {
      return Fact.unknown("not started: the run ended before its nodes were up");
    }
    return Fact.known(
        node.files().isPresent()
            ? node.describe()
            : "on this machine: its libvirtd and QEMU are the host's");
  }
}
