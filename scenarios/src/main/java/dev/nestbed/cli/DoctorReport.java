package dev.nestbed.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestbed.core.host.HostCheck;
import dev.nestbed.scenario.report.HumanFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What {@code nestbed doctor} found, as text for people or JSON for scripts; both carry every
 * check's name, outcome, detail and fix, whether the host is ready, and the exit code.
 */
record DoctorReport(List<HostCheck> checks) {
  DoctorReport {
    checks = List.copyOf(checks);
  }

  long failures() {
    return checks.stream().filter(c -> c.outcome() == HostCheck.Outcome.FAIL).count();
  }

  int exitCode() {
    return failures() == 0 ? ExitCode.OK : ExitCode.HOST_NOT_READY;
  }

  void printText(PrintWriter out) {
    int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(10);
    for (HostCheck check : checks) {
      out.printf(
          "%-4s  %-" + width + "s  %s%n", label(check.outcome()), check.name(), check.detail());
      if (!check.fix().isEmpty()) {
        out.printf("      %-" + width + "s  fix: %s%n", "", check.fix());
      }
    }
    out.println(
        failures() == 0
            ? "host is ready"
            : HumanFormat.count(failures(), "problem")
                + " to fix; ci/setup-host.sh installs everything");
    out.flush();
  }

  /**
   * The outcome in lower case ({@code ok}, {@code warn}, {@code fail}); a fix is null where the
   * text shows none.
   */
  ObjectNode json() {
    ObjectNode root = JsonOutput.object().put("ready", failures() == 0).put("problems", failures());
    ArrayNode list = root.putArray("checks");
    for (HostCheck check : checks) {
      list.addObject()
          .put("name", check.name())
          .put("outcome", check.outcome().name().toLowerCase(Locale.ROOT))
          .put("detail", check.detail())
          .put("fix", check.fix().isEmpty() ? null : check.fix());
    }
    return root.put("exitCode", exitCode());
  }

  private static String label(HostCheck.Outcome outcome) {
    return switch (outcome) {
      case OK -> "ok";
      case WARN -> "warn";
      case FAIL -> "FAIL";
    };
  }
}
