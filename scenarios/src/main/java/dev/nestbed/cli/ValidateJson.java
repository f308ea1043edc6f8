package dev.nestbed.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestbed.core.NestbedException;
import dev.nestbed.scenario.parse.Problem;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code nestbed validate --json}: the verdict the text gives, for scripts. {@code valid}, the
 * scenario's name and counts when it is, and every problem with its file, line, column, message and
 * hint (null when there is none) when it is not; {@code exitCode} is the process's. A file that
 * cannot be read at all is one problem without line or column.
 */
final class ValidateJson {
  private ValidateJson() {}

  static ObjectNode valid(Path file, ScenarioSpec scenario) {
    ObjectNode root = verdict(file, true).put("scenario", scenario.name());
    root.putObject("counts")
        .put("nodes", scenario.validNodes().hosts().size())
        .put("pools", scenario.pools().size())
        .put("partitions", scenario.partitions().size())
        .put("steps", scenario.steps().size())
        .put("expectations", scenario.expectations().size());
    root.putArray("problems");
    return root.put("exitCode", ExitCode.OK);
  }

  static ObjectNode invalid(Path file, List<Problem> problems) {
    ObjectNode root = verdict(file, false).putNull("scenario");
    root.putNull("counts");
    ArrayNode list = root.putArray("problems");
    for (Problem problem : problems) {
      list.addObject()
          .put("file", problem.location().file())
          .put("line", problem.location().line())
          .put("column", problem.location().column())
          .put("location", problem.location().toString())
          .put("message", problem.message())
          .put("hint", problem.hint());
    }
    return root.put("exitCode", ExitCode.INVALID);
  }

  static ObjectNode unreadable(Path file, NestbedException e) {
    ObjectNode root = verdict(file, false).putNull("scenario");
    root.putNull("counts");
    root.putArray("problems")
        .addObject()
        .put("file", file.toString())
        .putNull("line")
        .putNull("column")
        .put("location", file.toString())
        .put("message", e.getMessage())
        .put("hint", e.hint().orElse(null));
    return root.put("exitCode", ExitCode.INVALID);
  }

  private static ObjectNode verdict(Path file, boolean valid) {
    return JsonOutput.object().put("file", file.toString()).put("valid", valid);
  }
}
