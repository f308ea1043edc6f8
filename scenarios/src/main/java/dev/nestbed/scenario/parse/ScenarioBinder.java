package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.spec.InterconnectSpec;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.NodesSpec;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Binds a whole document to a {@link ScenarioSpec}, section by section. The result may hold nulls
 * where values were missing or malformed; each of those has been reported, and the loader never
 * hands such a spec out.
 */
final class ScenarioBinder {
  private static final Pattern SCENARIO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Problems problems;
  private final Sources sources;

  ScenarioBinder(Problems problems, Sources sources) {
    this.problems = problems;
    this.sources = sources;
  }

  Optional<ScenarioSpec> bind(YamlNode root) {
    Optional<Fields> found =
        Fields.of(
            root,
            root.location(),
            "a scenario",
            "a map of keys (name, nodes, pools, partitions, steps, expect)",
            problems);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Fields scenario = found.get().named("scenario");
    scenario.allowOnly(Keys.SCENARIO);
    sources.remember(root.location(), scenario.map());
    TopologyBinder topology = new TopologyBinder(problems, sources);
    String name = name(scenario);
    String description = description(scenario);
    NodesSpec nodes = topology.nodes(scenario);
    InterconnectSpec interconnect = topology.interconnect(scenario);
    List<PoolSpec> pools = topology.pools(scenario);
    nodes = topology.nodesUnlessAllAdopted(scenario, nodes, pools);
    return Optional.of(
        new ScenarioSpec(
            name,
            description,
            nodes,
            interconnect,
            pools,
            new PartitionBinder(problems, sources).partitions(scenario),
            new StepBinder(problems, sources).steps(scenario),
            new ExpectBinder(problems, sources).expectations(scenario),
            root.location()));
  }

  private @Nullable String name(Fields scenario) {
    if (!scenario.require("name", "name: my-experiment")) {
      return null;
    }
    String name = scenario.text("name");
    if (name != null && !SCENARIO_NAME.matcher(name).matches()) {
      Location at = scenario.at("name");
      problems.add(
          at,
          "scenario name '"
              + name
              + "' must be 1-64 characters: letters, digits, "
              + "'.', '_' and '-', starting with a letter or digit",
          "it names the run directory; e.g. aggregate-partition-migrate");
    }
    return name;
  }

  private static String description(Fields scenario) {
    String description = scenario.text("description");
    return description == null ? "" : description.strip();
  }
}
