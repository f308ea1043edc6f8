package dev.nestbed.cli;

import dev.nestbed.core.NestbedException;
import dev.nestbed.scenario.parse.Problem;
import dev.nestbed.scenario.parse.ScenarioInvalidException;
import dev.nestbed.scenario.parse.ScenarioLoader;
import dev.nestbed.scenario.plan.ScenarioPlan;
import dev.nestbed.scenario.plan.ScenarioPlanner;
import dev.nestbed.scenario.report.HumanFormat;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.io.PrintWriter;
import java.nio.file.Path;

/** A scenario file loaded, validated and planned (admission included), as run, plan and validate need it. */
record LoadedScenario(ScenarioSpec spec, ScenarioPlan plan, long millis) {

  /** Loads and plans; on problems prints them all, each as file:line:col, and returns null. */
  static LoadedScenario loadOrReport(Path file, PrintWriter err) {
    long began = System.nanoTime();
    try {
      ScenarioSpec spec = ScenarioLoader.load(file);
      ScenarioPlan plan = ScenarioPlanner.plan(spec);
      return new LoadedScenario(spec, plan, (System.nanoTime() - began) / 1_000_000);
    } catch (ScenarioInvalidException e) {
      for (Problem problem : e.problems()) {
        err.println(problem.format());
      }
      err.printf("%s: %s; nothing was started%n", file, HumanFormat.count(e.problems().size(), "problem"));
      err.flush();
      return null;
    } catch (NestbedException e) {
      // An unreadable file is invalid input too: exit 2, like any other problem with the scenario.
      err.println("error: " + e.getMessage());
      e.hint().ifPresent(hint -> err.println("hint: " + hint));
      err.flush();
      return null;
    }
  }
}
