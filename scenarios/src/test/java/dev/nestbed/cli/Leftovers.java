package dev.nestbed.cli;

import dev.nestbed.aggregator.local.RunLeftovers;
import dev.nestbed.core.run.RunId;
import java.util.List;

/** What a run may leave on this machine, looked up by its run id. */
final class Leftovers {
  private Leftovers() {}

  static List<String> of(String runId) {
    return RunLeftovers.of(new RunId(runId));
  }
}
