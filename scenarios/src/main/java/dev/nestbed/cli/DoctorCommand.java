package dev.nestbed.cli;

import dev.nestbed.core.host.HostChecks;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nestbed doctor}: says whether this host can run nestbed, and what to fix if not. */
@Command(
    name = "doctor",
    description = {
      "Check whether this host can run nestbed, and say what to fix.",
      "Checks packages, the guest kernel, libvirt, namespaces, disk and the accelerator. Exits 0 when the"
          + " host is ready, 3 when something must be fixed (each failure says how)."
    })
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      description =
          "Print the checks as JSON on stdout instead: each with its name,"
              + " outcome, detail and fix, whether the host is ready, and the exit code.")
  boolean json;

  @Override
  public Integer call() {
    DoctorReport report = new DoctorReport(new HostChecks().run(new HostContext().accelerator()));
    if (json) {
      JsonOutput.print(report.json(), spec.commandLine().getOut());
    } else {
      report.printText(spec.commandLine().getOut());
    }
    return report.exitCode();
  }
}
