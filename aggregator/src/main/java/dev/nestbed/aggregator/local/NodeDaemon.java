package dev.nestbed.aggregator.local;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.Pids;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.wait.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One node's libvirtd. It sees its own {@code /run}, {@code /var/lib/libvirt}, {@code /etc/libvirt},
 * {@code /var/cache/libvirt} and {@code /var/log/libvirt} (bind mounts in a private mount
 * namespace), its own host UUID (libvirt refuses to migrate to a host with its own UUID) and
 * hostname, and its own network namespace.
 */
final class NodeDaemon {
  private static final List<String> STATE_DIRS = List.of("run", "lib", "etc", "cache", "log");
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String node;
  private final String hostname;
  private final Path root;
  private final ProcessRunner runner;

  NodeDaemon(String node, String hostname, Path root, ProcessRunner runner) {
    this.node = node;
    this.hostname = hostname;
    this.root = root;
    this.runner = runner;
  }

  Path socket() {
    return root.resolve("run/libvirt/libvirt-sock");
  }

  Path logDirectory() {
    return root.resolve("log");
  }

  Path pidFile() {
    return root.resolve("run/libvirtd.pid");
  }

  /** Writes the daemon's configuration, starts it in its namespaces and waits until it answers. */
  void start(String networkNamespace, Duration deadline) {
    writeConfiguration();
    String mounts = STATE_DIRS.stream()
        .map(dir -> String.format("mount --bind '%s' %s", root.resolve(dir), mountPoint(dir)))
        .reduce((a, b) -> a + " && " + b).orElseThrow();
    // /run/lock (= /var/lock): libvirt takes a lock file there when a pty console is opened.
    String script = String.format("hostname '%s' && %s && mkdir -p /run/libvirt /run/lock && exec libvirtd -d",
        hostname, mounts);
    // libvirtd -d returns once the daemon has initialised (or failed to), so readiness below is
    // normally immediate; the poll still guards against a slow or dying daemon.
    runner.run(Command.of("nsenter", "--net=/run/netns/" + networkNamespace,
            "unshare", "--mount", "--uts", "--propagation", "private", "sh", "-c", script)
        .withTimeout(deadline));
    Poll.<Boolean>waitingFor("libvirtd of node " + node + " to answer on " + socket())
        .atMost(deadline)
        .failingFastIf(this::deathReason)
        .until(() -> {
          try (LibvirtHost host = LibvirtHost.connect(node, "qemu+unix:///system?socket=" + socket())) {
            host.libvirtVersion();
            return Optional.of(true);
          }
        });
  }

  /**
   * Destroys every guest of this daemon (all of them are this run's: nobody else knows the
   * daemon), stops the daemon, and kills any QEMU it left behind.
   */
  void stop() {
    List<Long> guests = guestPids();
    OptionalLong pid = Pids.read(pidFile());
    if (pid.isPresent() && Pids.isRunning(pid.getAsLong())) {
      destroyGuests();
      Pids.stop(pid.getAsLong(), "libvirtd of node " + node, STOP_GRACE);
    }
    for (long guest : guests) {
      Pids.stop(guest, "QEMU left by node " + node, STOP_GRACE);
    }
  }

  private void destroyGuests() {
    try (LibvirtHost host = LibvirtHost.connect(node, "qemu+unix:///system?socket=" + socket())) {
      for (LibvirtDomain domain : host.domains()) {
        domain.destroyAndUndefine();
      }
    } catch (RuntimeException e) {
      // The QEMU processes are killed by pid below; the daemon being unreachable must not stop that.
    }
  }

  private List<Long> guestPids() {
    Path qemuRun = root.resolve("run/libvirt/qemu");
    List<Long> pids = new ArrayList<>();
    if (Files.isDirectory(qemuRun)) {
      try (Stream<Path> files = Files.list(qemuRun)) {
        files.filter(f -> f.getFileName().toString().endsWith(".pid"))
            .forEach(f -> Pids.read(f).ifPresent(pids::add));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return pids;
  }

  private Optional<String> deathReason() {
    OptionalLong pid = Pids.read(pidFile());
    if (pid.isPresent() && !Pids.isRunning(pid.getAsLong())) {
      return Optional.of("libvirtd (pid " + pid.getAsLong() + ") exited; see " + logDirectory().resolve("libvirtd.log"));
    }
    return Optional.empty();
  }

  private void writeConfiguration() {
    try {
      for (String dir : STATE_DIRS) {
        Files.createDirectories(root.resolve(dir));
      }
      Files.writeString(root.resolve("etc/libvirtd.conf"), String.join("\n",
          "# written by nestbed for node " + node,
          "host_uuid = \"" + UUID.randomUUID() + "\"",
          "log_outputs = \"3:file:/var/log/libvirt/libvirtd.log\"",
          ""));
      // QEMU runs as root without security drivers or cgroups: the daemons share one kernel
      // with each other and the host, and per-daemon cgroup trees would collide.
      Files.writeString(root.resolve("etc/qemu.conf"), String.join("\n",
          "# written by nestbed for node " + node,
          "user = \"root\"",
          "group = \"root\"",
          "dynamic_ownership = 0",
          "security_driver = \"none\"",
          "cgroup_controllers = [ ]",
          "namespaces = [ ]",
          "stdio_handler = \"file\"",
          ""));
    } catch (IOException e) {
      throw new NestbedException("cannot write the configuration of node " + node + " under " + root + ": "
          + e.getMessage(), "check that the work directory is writable (NESTBED_WORK)", e);
    }
  }

  private static String mountPoint(String stateDir) {
    return switch (stateDir) {
      case "run" -> "/run";
      case "lib" -> "/var/lib/libvirt";
      case "etc" -> "/etc/libvirt";
      case "cache" -> "/var/cache/libvirt";
      case "log" -> "/var/log/libvirt";
      default -> throw new IllegalArgumentException(stateDir);
    };
  }
}
