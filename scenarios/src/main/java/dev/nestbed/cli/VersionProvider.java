package dev.nestbed.cli;

import dev.nestbed.scenario.provenance.HostSoftware;
import dev.nestbed.scenario.provenance.NestbedBuild;
import dev.nestbed.scenario.record.Provenance;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * {@code nestbed --version}: nestbed's version and commit, and the QEMU and libvirt of this
 * machine, each as read (see {@link NestbedBuild} and {@link HostSoftware}) or "unknown" and why.
 *
 * <p>Reading them runs programs (about a second here), so it is done only when {@code --version}
 * was asked for: picocli asks a declared version provider every time it builds the command line,
 * which made every nestbed command that much slower. This is an execution strategy instead.
 */
final class VersionProvider implements IExecutionStrategy {
  private final IExecutionStrategy otherwise = new RunLast();

  @Override
  public int execute(ParseResult parseResult) {
    for (CommandLine command : parseResult.asCommandLineList()) {
      if (command.isVersionHelpRequested()) {
        PrintWriter out = command.getOut();
        for (String line : lines()) {
          out.println(line);
        }
        out.flush();
        return ExitCode.OK;
      }
    }
    return otherwise.execute(parseResult);
  }

  /** The four lines, as read now. */
  static String[] lines() {
    Provenance.Build build = NestbedBuild.ofRunningCode();
    Provenance.Host host = HostSoftware.probe();
    return new String[] {
      line("nestbed ", build.version().text()),
      line("commit  ", build.commit().text()),
      line("QEMU    ", host.qemu().text()),
      line("libvirt ", host.libvirt().text())
    };
  }

  private static String line(String name, String text) {
    return name + text;
  }
}
