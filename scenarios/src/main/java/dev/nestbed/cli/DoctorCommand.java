package dev.nestbed.cli;

import dev.nestbed.core.host.HostCheck;
import dev.nestbed.core.host.HostChecks;
import dev.nestbed.scenario.report.HumanFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nestbed doctor}: says whether this host can run nestbed, and what to fix if not. */
@Command(name = "doctor", description = {
    "Check packages, kernel, libvirt, namespaces, disk and the accelerator.",
    "Exits 0 when the host is ready, 3 when something must be fixed (each failure says how)."})
final class DoctorCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<HostCheck> checks = new HostChecks().run(new HostContext().accelerator());
    int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(10);
    for (HostCheck check : checks) {
      out.printf("%-4s  %-" + width + "s  %s%n", label(check.outcome()), check.name(), check.detail());
      if (!check.fix().isEmpty()) {
        out.printf("      %-" + width + "s  fix: %s%n", "", check.fix());
      }
    }
    long failures = checks.stream().filter(c -> c.outcome() == HostCheck.Outcome.FAIL).count();
    out.println(failures == 0 ? "host is ready" : HumanFormat.count(failures, "problem") + " to fix; ci/setup-host.sh installs everything");
    out.flush();
    return failures == 0 ? ExitCode.OK : ExitCode.HOST_NOT_READY;
  }

  private static String label(HostCheck.Outcome outcome) {
    return switch (outcome) {
      case OK -> "ok";
      case WARN -> "warn";
      case FAIL -> "FAIL";
    };
  }
}
