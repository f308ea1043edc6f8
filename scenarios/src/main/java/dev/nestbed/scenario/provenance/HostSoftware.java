package dev.nestbed.scenario.provenance;

import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.scenario.record.Fact;
import dev.nestbed.scenario.record.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The software of this machine that the nodes of the local provider run: the kernel's release, and
 * the first line each of {@code qemu-system-x86_64 --version} and {@code libvirtd --version}, as
 * the programs print them: the banner names the distribution's build, which a parsed version number
 * would drop, and libvirtd names itself by the path it was found at ("/usr/sbin/libvirtd (libvirt)
 * 11.3.0").
 */
public final class HostSoftware {
  static final Path OSRELEASE = Path.of("/proc/sys/kernel/osrelease");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private HostSoftware() {}

  /** Reads all three; a few short processes. */
  public static Provenance.Host probe() {
    ProcessRunner runner = new ProcessRunner();
    List<Path> path = searchPath();
    return new Provenance.Host(
        kernel(OSRELEASE),
        banner(runner, "qemu-system-x86_64", path),
        banner(runner, "libvirtd", path));
  }

  /** What {@code uname -r} prints, from the file it reads it from. */
  static Fact kernel(Path osrelease) {
    try {
      String release = Files.readString(osrelease).strip();
      return release.isEmpty() ? Fact.unknown(osrelease + " is empty") : Fact.known(release);
    } catch (IOException | RuntimeException e) {
      return Fact.unknown("cannot read " + osrelease + ": " + e);
    }
  }

  /** The first line {@code program --version} prints, the program found in {@code path}. */
  static Fact banner(ProcessRunner runner, String program, List<Path> path) {
    Optional<Path> found =
        path.stream().map(dir -> dir.resolve(program)).filter(Files::isExecutable).findFirst();
    if (found.isEmpty()) {
      return Fact.unknown(
          program
              + " is not installed (not in "
              + String.join(":", path.stream().map(Path::toString).toList())
              + ")");
    }
    ProcessResult result;
    try {
      result =
          runner.runAllowingFailure(
              Command.of(found.get().toString(), "--version").withTimeout(TIMEOUT));
    } catch (RuntimeException e) {
      return Fact.unknown("cannot run " + found.get() + " --version: " + e.getMessage());
    }
    Optional<String> first = firstLine(result.stdout());
    if (result.exitCode() != 0) {
      return Fact.unknown(
          found.get()
              + " --version exited "
              + result.exitCode()
              + firstLine(result.stderr()).or(() -> first).map(line -> ": " + line).orElse(""));
    }
    return first
        .map(Fact::known)
        .orElseGet(() -> Fact.unknown(found.get() + " --version printed nothing"));
  }

  /** PATH, then the sbin directories a user's PATH often lacks, where libvirtd lives. */
  static List<Path> searchPath() {
    List<Path> dirs = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (!dir.isBlank()) {
        dirs.add(Path.of(dir));
      }
    }
    for (String sbin : List.of("/usr/sbin", "/sbin")) {
      if (!dirs.contains(Path.of(sbin))) {
        dirs.add(Path.of(sbin));
      }
    }
    return dirs;
  }

  private static Optional<String> firstLine(String text) {
    return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst();
  }
}
