package dev.nestbed.cli;

import dev.nestbed.scenario.provenance.HostSoftware;
import dev.nestbed.scenario.provenance.NestbedBuild;
import dev.nestbed.scenario.record.Provenance;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code nestbed --version}: nestbed's version and commit, and the QEMU and libvirt of this
 * machine, each as read (see {@link NestbedBuild} and {@link HostSoftware}) or "unknown" and why.
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    Provenance.Build build = NestbedBuild.ofRunningCode();
    Provenance.Host host = HostSoftware.probe();
    return new String[] {
        line("nestbed ", build.version().text()),
        line("commit  ", build.commit().text()),
        line("QEMU    ", host.qemu().text()),
        line("libvirt ", host.libvirt().text())};
  }

  /** picocli formats each version line (printf-style), so a '%' in what was read is escaped. */
  private static String line(String name, String text) {
    return name + text.replace("%", "%%");
  }
}
