package dev.nestbed.cli;

import dev.nestbed.aggregator.NodesNotReadyException;
import dev.nestbed.aggregator.remote.RemoteNodeProvider;
import dev.nestbed.core.NestbedException;
import dev.nestbed.scenario.parse.HostSizes;
import dev.nestbed.scenario.parse.Problem;
import dev.nestbed.scenario.parse.ScenarioInvalidException;
import dev.nestbed.scenario.parse.ScenarioLoader;
import dev.nestbed.scenario.plan.ScenarioPlan;
import dev.nestbed.scenario.plan.ScenarioPlanner;
import dev.nestbed.scenario.report.HumanFormat;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A scenario file loaded, validated and planned (admission included), as run, plan and validate
 * need it, with the text that was parsed (for the run's provenance).
 */
record LoadedScenario(ScenarioSpec spec, ScenarioPlan plan, long millis, String text) {

  /**
   * The CPUs and memory of existing hosts the scenario gives none, read from their libvirt (a
   * connection each, in parallel, bounded); a host that cannot be asked means exit 3.
   */
  private static Map<String, HostSizes.Size> askHosts(Map<String, String> uriByNode) {
    try {
      Map<String, HostSizes.Size> sizes = new LinkedHashMap<>();
      RemoteNodeProvider.discover(uriByNode)
          .forEach((name, node) -> sizes.put(name, new HostSizes.Size(node.cpus(), node.memory())));
      return sizes;
    } catch (NodesNotReadyException e) {
      throw new HostNotReadyException(
          "cannot read the size of every host: " + e.getMessage(), e.hint().orElse(null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostNotReadyException("interrupted while reading the sizes of the hosts", null);
    }
  }

  /**
   * Loads and plans.
   *
   * @throws ScenarioInvalidException listing every problem, each with file, line and column
   * @throws HostNotReadyException if an existing host cannot be asked for its size
   * @throws NestbedException if the file cannot be read
   */
  static LoadedScenario load(Path file) {
    long began = System.nanoTime();
    String text = ScenarioLoader.read(file);
    ScenarioSpec spec = ScenarioLoader.load(file.toString(), text, LoadedScenario::askHosts);
    ScenarioPlan plan = ScenarioPlanner.plan(spec);
    return new LoadedScenario(spec, plan, (System.nanoTime() - began) / 1_000_000, text);
  }

  /** Loads and plans; on problems prints them all, each as file:line:col, and returns null. */
  static @Nullable LoadedScenario loadOrReport(Path file, PrintWriter err) {
    try {
      return load(file);
    } catch (ScenarioInvalidException e) {
      for (Problem problem : e.problems()) {
        err.println(problem.format());
      }
      err.printf(
          "%s: %s; nothing was started%n", file, HumanFormat.count(e.problems().size(), "problem"));
      err.flush();
      return null;
    } catch (HostNotReadyException e) {
      throw e;
    } catch (NestbedException e) {
      // An unreadable file is invalid input too: exit 2, like any other problem with the scenario.
      err.println("error: " + e.getMessage());
      e.hint().ifPresent(hint -> err.println("hint: " + hint));
      err.flush();
      return null;
    }
  }
}
